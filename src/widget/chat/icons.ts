/// <reference lib="dom" />
/**
 * Inline SVG icons (an emoji shows as a box on phones without an emoji font). Decorative: hidden from
 * screen readers, the text next to them says what they mean; they take the text's colour and size.
 */
export const CAMERA_PATH =
  'M9 4 7.5 6H4a2 2 0 0 0-2 2v10a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V8a2 2 0 0 0-2-2h-3.5L15 4H9zm3 4.5a4.5 4.5 0 1 1 0 9 4.5 4.5 0 0 1 0-9zm0 2a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5z';

/** The same icon as markup, for the server-rendered page (src/widget/pages.ts). */
export const CAMERA_SVG = `<svg class="pp-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"><path fill="currentColor" fill-rule="evenodd" d="${CAMERA_PATH}"/></svg>`;

export function cameraIcon(doc: Document = document): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = doc.createElementNS(ns, 'svg');
  svg.setAttribute('class', 'pp-icon');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '24');
  svg.setAttribute('height', '24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = doc.createElementNS(ns, 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('fill-rule', 'evenodd');
  path.setAttribute('d', CAMERA_PATH);
  svg.appendChild(path);
  return svg;
}

const svg = (d: string) =>
  `<svg class="pp-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"><path fill="currentColor" fill-rule="evenodd" d="${d}"/></svg>`;

/** A person (talk to an advisor). */
export const PERSON_SVG = svg('M12 3a4.5 4.5 0 1 1 0 9 4.5 4.5 0 0 1 0-9zm0 2a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5zM4 20c0-4 3.6-6.5 8-6.5s8 2.5 8 6.5v1H4v-1zm2.1-1h11.8c-.5-2.2-3-3.5-5.9-3.5S6.6 16.8 6.1 19z');
/** Settings: sliders (language and text size). */
export const SETTINGS_SVG = svg('M3 6h10.2a3 3 0 0 1 5.6 0H21v2h-2.2a3 3 0 0 1-5.6 0H3V6zm13 0a1 1 0 1 0 0 2 1 1 0 0 0 0-2zM3 16h2.2a3 3 0 0 1 5.6 0H21v2H10.8a3 3 0 0 1-5.6 0H3v-2zm5 0a1 1 0 1 0 0 2 1 1 0 0 0 0-2z');
/** A cross (close). */
export const CLOSE_SVG = svg('M5.3 6.7 6.7 5.3 12 10.6l5.3-5.3 1.4 1.4-5.3 5.3 5.3 5.3-1.4 1.4-5.3-5.3-5.3 5.3-1.4-1.4 5.3-5.3z');
