/**
 * Leaflet puts a string tooltip or popup into the page as HTML. Names come from users (a grid may
 * be called `<img src=x>`), so labels go in as a text node, never as markup.
 */
export function textLabel(text: string): HTMLElement {
  const el = document.createElement('span');
  el.textContent = text;
  return el;
}
