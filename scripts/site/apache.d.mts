/** Debian's Apache binary (apache2-bin). */
export declare const APACHE: string;
/** Serves `dir` with Apache and the site's .htaccess on 127.0.0.1; resolves once it answers. */
export declare function startApache(dir: string): Promise<{ url: string; stop(): void }>;
