import { html, trusted, type SafeHtml } from './escape';

const BASE_CSS = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1f2328;background:#f2f4f7;line-height:1.55}
a{color:#0b5cad}
h1,h2,h3{line-height:1.3}
.brand{background:#b71c1c;color:#fff;padding:.45rem 1rem;font-size:.9rem;letter-spacing:.05em}
.brand a{color:#fff;text-decoration:none}
.wrap{max-width:46rem;margin:0 auto;padding:1rem}
.panel{background:#fff;border-radius:10px;padding:1rem 1.1rem;margin:0 0 1rem;box-shadow:0 1px 2px rgba(0,0,0,.06)}
.muted{color:#5f6b7a}
.small{font-size:.85rem}
.tel{white-space:nowrap;font-variant-numeric:tabular-nums}
.foot{font-size:.8rem;color:#5f6b7a;text-align:center;padding:1rem 0 2rem}
@media print{body{background:#fff}.brand,.noprint{display:none!important}}
`;

/**
 * A whole public page: Chinese, readable on a phone (viewport), one <style> block, no script (the
 * CSP allows none inline and these pages need none). The CSS is the platform's own, never stored text.
 */
export function page(p: { title: string; body: SafeHtml; css?: string; noindex?: boolean }): string {
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="icon" href="data:,">
${p.noindex ? html`<meta name="robots" content="noindex,nofollow">` : ''}
<title>${p.title}</title>
<style>${trusted(BASE_CSS + (p.css ?? ''))}</style>
</head>
<body>
${p.body}
</body>
</html>
`.value;
}

/** The red band at the top of screen pages, naming the platform. */
export function brandBar(): SafeHtml {
  return html`<div class="brand">黑河市网格化管理服务 · 网格通</div>`;
}
