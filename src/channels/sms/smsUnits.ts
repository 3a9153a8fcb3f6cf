/**
 * How an SMS text reads as items, the pieces the packer (smsPages.ts) never cuts: a "- …" line with its continuation
 * lines, a numbered answer, a header ("… :", "… ?") with what it announces, a timetable (a header and its plain
 * lines: "Horaires :" then a line a day), a place (its name, then its street number and address).
 */
/** A piece of text the packer never cuts while it fits an SMS, and what joins it to the text before it. */
export interface TextUnit {
  text: string;
  /** A line break, or a blank line between paragraphs and messages. */
  sep: '\n' | '\n\n';
}

/** A line that starts an item of its own: "- …", "• …". */
export const BULLET = /^[-•–*]\s/;
/** A numbered line: "1 …", "2. …", "3) …" (an answer, a step, a place; or a street number, see ADDRESS). */
const NUMBERED = /^(\d{1,2})[ .)]\s*\S/;
/**
 * An address line: "22 Avenue de la République", "3 bis rue …" (the place's name is on the line above). A word that
 * also starts answers ("Place", "Cours", "Residence permit") makes an address only with "bis"/"ter" or a postcode.
 */
const ADDRESS =
  /^\d{1,4}\s*(?:(bis|ter|quater)\s*)?,?\s*(?:(rue|avenue|av\.?|bd|boulevard|chemin|all[ée]e|impasse|rte|quai|faubourg|lieu-dit|ruelle|mont[ée]e|lotissement)|place|pl\.|route|cours|square|passage|voie|parvis|esplanade|promenade|rond-point|hameau|r[ée]sidence|cit[ée]|mail|sentier|villa|traverse|terrasse|carrefour|domaine|parc|zone|za|zac|zi)(?=[\s.,']|$)/i;
const isAddress = (line: string) => {
  const m = ADDRESS.exec(line);
  return Boolean(m && (m[1] || m[2] || /\b\d{5}\b/.test(line)));
};
/** A line that announces the next one: a header "… :" or a question "… ?". */
export const ANNOUNCES = /[:?]\s*$/;
/** A header: a line that announces what is under it ("Pour commencer, il vous faut :", "Horaires :"). */
const HEADER = /:\s*$/;

/**
 * Whether a line starts an item: a bullet always; a number when it opens the paragraph, follows a header or a
 * question, or goes on a run of numbers ("1 …", "2 …", then "0 …" closes a menu) — never a street number.
 */
function startsItem(line: string, previous: string | undefined, lastNumber: number | undefined): number | boolean {
  if (BULLET.test(line)) return true;
  const numbered = NUMBERED.exec(line);
  if (!numbered || isAddress(line)) return false;
  const n = Number(numbered[1]);
  const inRun = n === 1 || (lastNumber !== undefined && (n === lastNumber + 1 || n === 0));
  return previous === undefined || ANNOUNCES.test(previous) || inRun ? n : false;
}

/** The units of one text: paragraphs, then items or lines, a header glued to what it announces. */
export function unitsOf(text: string): TextUnit[] {
  const units: TextUnit[] = [];
  for (const paragraph of text.split(/\n[ \t]*\n/)) {
    let current: string[] = [];
    let inItem = false;
    let lastNumber: number | undefined;
    let sep: TextUnit['sep'] = units.length ? '\n\n' : '\n';
    const close = () => {
      if (current.length) units.push({ text: current.join('\n'), sep });
      current = [];
      sep = '\n';
    };
    for (const line of paragraph.split('\n').map((l) => l.trimEnd())) {
      if (line.trim() === '') continue;
      const previous = current[current.length - 1];
      const item = startsItem(line, previous, lastNumber);
      if (typeof item === 'number') lastNumber = item;
      const starts = item !== false;
      const glued = previous !== undefined && (ANNOUNCES.test(previous) || (inItem && !starts));
      if (!glued) {
        close();
        // A header "… :" that opens a unit keeps its plain lines (a timetable: "Horaires :", then a line a day), as
        // an item keeps its continuation lines; an item starting below it is an item of its own.
        inItem = starts || HEADER.test(line);
      }
      current.push(line);
    }
    close();
  }
  return units;
}

/** Lines of a text, each glued to the one before when that one announces it ("… :"). */
export function linesOf(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const last = out[out.length - 1];
    if (last !== undefined && ANNOUNCES.test(last)) out[out.length - 1] = `${last}\n${line}`;
    else out.push(line);
  }
  return out;
}

