import { describe, expect, it } from "vitest";
import { isOptimizerName } from "../../src/index";
import { MAX_STEPS, MIN_STEPS, parseState, stateToHash } from "../../site/src/scripts/playground-state";

/** The playground's URL state (site/src/scripts/playground-state.ts): what a shared link means. */
describe("the playground's link", () => {
  const parse = (hash: string) => parseState(hash, isOptimizerName);

  it('reads a "+" typed in a link as a plus (the issue\'s costly link), and writes links that keep it', () => {
    const s = parse("#s=formula&f=(1-x)^(5/3)+y^2");
    expect(s.formula).toBe("(1-x)^(5/3)+y^2");
    const hash = stateToHash(s);
    expect(hash).not.toMatch(/f=[^&]*\+/); // no literal "+" in the formula written
    expect(parse(hash).formula).toBe("(1-x)^(5/3)+y^2");
  });

  it("reads older form-encoded links (space as +, plus as %2B) as they were meant", () => {
    expect(parse("#s=formula&f=x%5E2+%2B+10*y%5E2&o=momentum").formula).toBe("x^2 + 10*y^2");
    expect(stateToHash(parse("#s=formula&f=x%5E2+%2B+10*y%5E2"))).toContain("f=x%5E2%20%2B%2010*y%5E2");
  });

  it("keeps a malformed escape as typed (the formula parser then names the problem)", () => {
    expect(parse("#s=formula&f=50%").formula).toBe("50%");
  });

  it("brings n into the steps slider's range and step, so slider and label agree", () => {
    expect([5000, 99999, 5, 155, 0, -3].map((n) => parse(`#n=${n}`).steps)).toEqual([5000, MAX_STEPS, MIN_STEPS, 160, MIN_STEPS, MIN_STEPS]);
    expect(parse("#n=abc").steps).toBe(200);
  });

  it("round-trips a full state", () => {
    const s = parse("#s=beale&o=rmsprop,nesterov&lr.rmsprop=0.02&p.nesterov=0.8&n=150&c=pytorch&x0=1.5,-1");
    expect(parse(stateToHash(s))).toEqual(s);
    expect(s).toMatchObject({ surface: "beale", optimizers: ["rmsprop", "nesterov"], steps: 150, convention: "pytorch", start: [1.5, -1], lr: { rmsprop: 0.02 }, p2: { nesterov: 0.8 } });
  });
});
