import { chromium } from "playwright-core";
const fnSrc = `(() => { let s = 1; const out = {}; const rnd = () => { s = (s * 16807) % 2147483647; return s / 2147483647; };
 for (const f of ["exp","log","pow","sqrt","tanh","sin","cos","log1p","expm1","atan2","cbrt","hypot","log10","log2","sinh","cosh","atan","asin"]) { let h = 0; const vals=[];
  for (let i = 0; i < 20000; i++) { const a = (rnd() - 0.5) * 20, b = (rnd() - 0.5) * 6; const v = f === "pow" ? Math.pow(Math.abs(a), b) : f === "atan2" || f === "hypot" ? Math[f](a, b) : f==="asin"? Math.asin(rnd()*2-1) : Math[f](f.startsWith("log") || f === "sqrt" ? Math.abs(a) : a/ (f==="exp"||f==="sinh"||f==="cosh"||f==="expm1"?1:1));
   vals.push(v); }
  out[f] = vals; }
 return out; })()`;
const node = eval(fnSrc);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage();
const web = await page.evaluate(fnSrc);
for (const f of Object.keys(node)) { let d = 0; for (let i = 0; i < node[f].length; i++) if (!Object.is(node[f][i], web[f][i])) d++; console.log(f, d); }
console.log(await page.evaluate(() => navigator.userAgent), process.versions.v8);
await browser.close();
