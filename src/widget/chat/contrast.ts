/**
 * WCAG 2.1 contrast: the text colour (black or white) to put on a territory's colour, so that
 * text on it always reaches at least 4.5:1 (for any colour, one of the two does).
 */
function channel(v: number): number {
  const c = v / 255;
  return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
}

/** Relative luminance of "#rrggbb" (0 black … 1 white); NaN when not a colour. */
export function luminance(hex: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return NaN;
  // (no destructuring: esbuild cannot lower it for the 2019 browsers we target)
  return 0.2126 * channel(parseInt(m[1], 16)) + 0.7152 * channel(parseInt(m[2], 16)) + 0.0722 * channel(parseInt(m[3], 16));
}

export function contrastRatio(a: string, b: string): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** "#ffffff" or "#000000", whichever contrasts more with `background`. */
export function textColorOn(background: string): '#ffffff' | '#000000' {
  return contrastRatio(background, '#ffffff') >= contrastRatio(background, '#000000') ? '#ffffff' : '#000000';
}

/** A valid "#rrggbb" colour, or the fallback (the DSFR blue). */
export function safeColor(value: unknown, fallback = '#000091'): string {
  return typeof value === 'string' && /^#[0-9a-f]{6}$/i.test(value) ? value : fallback;
}
