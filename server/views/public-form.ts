/** Form styles shared by the resident's report and tracking pages: big targets for a thumb on a 360 px phone. */
export const FORM_CSS = `
h1{font-size:1.3rem;margin:.2rem 0}
h2{font-size:1.1rem;margin:0 0 .6rem}
label.f{display:block;font-weight:600;margin:1rem 0 .35rem}
label.f .opt{font-weight:400;color:#5f6b7a;font-size:.85rem}
select,textarea,input[type=text],input[type=tel]{display:block;width:100%;font:inherit;font-size:1rem;padding:.7rem .75rem;border:1px solid #b9c2cc;border-radius:8px;background:#fff;color:#1f2328;min-height:3rem}
textarea{min-height:7rem;resize:vertical}
input[type=file]{display:block;width:100%;max-width:100%;font-size:.95rem;padding:.6rem 0;min-height:3rem}
.hint{font-size:.85rem;color:#5f6b7a;margin:.3rem 0 0}
.err{color:#b3261e;font-size:.9rem;margin:.35rem 0 0;font-weight:600}
.bad{border-color:#b3261e!important;border-width:2px!important}
.alert{background:#fdecea;border-left:4px solid #b3261e;color:#8c1d18;padding:.7rem .9rem;border-radius:6px;margin:.6rem 0}
.ok{background:#e7f6ec;border-left:4px solid #1f8f3f;color:#146c2e;padding:.7rem .9rem;border-radius:6px;margin:.6rem 0}
button{display:block;width:100%;font:inherit;font-size:1.1rem;font-weight:600;padding:.85rem;margin:1.2rem 0 .4rem;border:0;border-radius:8px;background:#0b5cad;color:#fff;min-height:3.2rem;cursor:pointer}
.btn{display:block;text-align:center;text-decoration:none;font-weight:600;padding:.8rem;border:1px solid #0b5cad;border-radius:8px;margin:.6rem 0;min-height:3rem}
.choice{display:flex;align-items:center;gap:.6rem;border:1px solid #b9c2cc;border-radius:8px;padding:.7rem .8rem;margin:.45rem 0;min-height:3rem;font-weight:400}
.choice input{width:1.3rem;height:1.3rem;margin:0}
.kv{display:flex;gap:.6rem;padding:.3rem 0;border-bottom:1px solid #eef1f4}
.kv .k{flex:0 0 5.5em;color:#5f6b7a}
.kv .v{flex:1;min-width:0;overflow-wrap:anywhere}
.code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:1.5rem;font-weight:700;letter-spacing:.12em;overflow-wrap:anywhere}
.links a{display:block;padding:.6rem 0}
`;

/** Beijing time to the minute, as a resident reads it. */
export function cst(at: string | Date): string {
  return new Date(new Date(at).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * A matter number (county code, date, sequence: 19 digits) in the groups it is made of, easier to
 * read out on the phone and never mistaken for an ID number.
 */
export function numberText(n: string): string {
  return /^\d{19}$/.test(n) ? `${n.slice(0, 6)} ${n.slice(6, 14)} ${n.slice(14)}` : n;
}
