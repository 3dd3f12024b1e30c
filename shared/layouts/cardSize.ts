import { NODE_SIZE } from './geometry';

/*
 * How tall a ripple card must be to show all it carries, computed from its texts, so the
 * layouts can place cards of different heights without measuring the DOM (a thousand
 * cards are laid out in one pass) and the card never cuts its text.
 *
 * The card's type is Atkinson Hyperlegible (client/canvas/canvas.css), bundled with the
 * client, so the advance widths below are the ones the browser uses. They are in
 * thousandths of an em, measured in Chromium for code points 32–126 and 160–255; other
 * characters count as a full em (wide scripts) or more (emoji), so the guess errs tall.
 * Line breaks are taken only at spaces (a browser also breaks after hyphens and slashes),
 * which again errs towards one line more, never one line less.
 */
const REGULAR_ASCII = [
  280, 281, 301, 655, 594, 927, 705, 160, 300, 300, 433, 602, 205, 368, 205, 377, 648, 402, 549, 574, 614,
  583, 598, 510, 615, 598, 205, 205, 553, 602, 553, 520, 780, 626, 619, 656, 673, 567, 548, 710, 690, 414,
  510, 627, 539, 820, 689, 727, 601, 753, 618, 596, 558, 690, 589, 840, 623, 595, 607, 315, 377, 315, 552,
  396, 268, 526, 566, 500, 564, 539, 311, 560, 546, 278, 254, 490, 239, 841, 546, 552, 566, 576, 340, 471,
  324, 536, 441, 654, 461, 429, 460, 319, 233, 319, 555,
];
const REGULAR_LATIN1 = [
  280, 281, 500, 586, 580, 595, 233, 530, 425, 798, 371, 562, 602, 0, 798, 382, 352, 579, 382, 383, 268, 555,
  508, 235, 291, 256, 381, 562, 826, 812, 868, 520, 626, 626, 626, 626, 626, 626, 998, 656, 567, 567, 567,
  567, 414, 414, 414, 414, 712, 689, 727, 727, 727, 727, 727, 528, 727, 690, 690, 690, 690, 595, 576, 597,
  526, 526, 526, 526, 526, 526, 874, 500, 539, 539, 539, 539, 278, 278, 278, 278, 567, 546, 552, 552, 552,
  552, 552, 602, 552, 536, 536, 536, 536, 429, 566, 429,
];
const BOLD_ASCII = [
  320, 283, 410, 783, 619, 977, 702, 222, 366, 366, 434, 618, 243, 374, 243, 442, 652, 448, 586, 605, 626,
  612, 632, 543, 625, 561, 243, 243, 573, 618, 573, 614, 754, 690, 639, 673, 686, 580, 544, 719, 679, 458,
  560, 659, 537, 842, 700, 764, 626, 781, 654, 619, 617, 663, 656, 883, 699, 687, 621, 333, 442, 333, 589,
  430, 314, 553, 596, 520, 596, 566, 367, 597, 572, 315, 259, 567, 314, 886, 572, 573, 596, 601, 372, 534,
  379, 570, 526, 723, 533, 518, 516, 370, 234, 370, 533,
];
const BOLD_LATIN1 = [
  320, 283, 520, 617, 596, 687, 216, 578, 452, 798, 395, 669, 618, 0, 798, 405, 404, 618, 407, 413, 314, 591,
  515, 301, 321, 291, 409, 669, 853, 856, 959, 614, 690, 690, 690, 690, 690, 690, 1016, 673, 580, 580, 580,
  580, 458, 458, 458, 458, 773, 700, 764, 764, 764, 764, 764, 539, 763, 663, 663, 663, 663, 687, 615, 621,
  553, 553, 553, 553, 553, 553, 883, 520, 566, 566, 566, 566, 301, 301, 301, 301, 589, 572, 573, 573, 573,
  573, 573, 594, 573, 570, 570, 570, 570, 518, 596, 518,
];

/** The card's box model (canvas.css `.ripple-card`), in map units. */
const BORDER_X = 8 + 2;
const BORDER_Y = 2 + 2;
const PAD_LEFT = 25.6;
const PAD_RIGHT = 12.8;
const PAD_TOP = 8.8;
const PAD_BOTTOM = 9.6;
/** Width of a line of the card's text. */
export const CARD_TEXT_WIDTH = NODE_SIZE.width - BORDER_X - PAD_LEFT - PAD_RIGHT;
const TEXT_SIZE = 19.2;
const TEXT_LINE = TEXT_SIZE * 1.3;
/** The chips in the card's top row (order, code, marks): bold 0.8 rem, line height 1.6. */
const CHIP_SIZE = 12.8;
const CHIP_LINE = CHIP_SIZE * 1.6;
/** A chip's side padding and border, both sides (the widest kind: `.mark`). */
const CHIP_PAD = 19;
const CHIP_BORDER_Y = 3;
const CHIP_GAP = 4.8;
const META_MARGIN = 5.6;
const AUTHOR_SIZE = 14.4;
const AUTHOR_LINE = AUTHOR_SIZE * 1.3;
const AUTHOR_MARGIN = 5.6;
const ORIGIN_SIZE = 12.8;
const ORIGIN_LINE = ORIGIN_SIZE * 1.3;
const ORIGIN_MARGIN = 3.2;
/** Rounding, kerning and sub-pixel layout: a few per cent to spare on every line. */
const SLACK = 1.03;

/** One chip in the card's top row: its text, and any fixed width beside it (a colour swatch). */
export interface CardChip {
  text: string;
  extraWidth?: number;
}

/** What a card shows, as the words on it (already translated). */
export interface CardContent {
  text: string;
  chips: readonly CardChip[];
  /** The author line, without its leading dash; null when there is none. */
  author: string | null;
  origin: string | null;
}

function advance(code: number, bold: boolean): number {
  if (code >= 32 && code < 127) return ((bold ? BOLD_ASCII : REGULAR_ASCII)[code - 32] as number) / 1000;
  if (code >= 160 && code < 256) return ((bold ? BOLD_LATIN1 : REGULAR_LATIN1)[code - 160] as number) / 1000;
  if (code < 32) return 0;
  if (code < 0x2000) return 0.8;
  return code > 0xffff ? 1.3 : 1;
}

/** The width of a string in ems. */
export function textWidth(text: string, bold = false): number {
  let width = 0;
  for (const char of text) width += advance(char.codePointAt(0) as number, bold);
  return width * SLACK;
}

/**
 * How many lines `text` takes in a box `width` wide at `size` px, breaking at spaces
 * and, for a word longer than a line, anywhere (`overflow-wrap: anywhere`).
 *
 * @example
 * lineCount('een twee drie', 19.2, 40); // 3
 */
export function lineCount(text: string, size: number, width: number, bold = false): number {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  if (words.length === 0) return 1;
  const max = width / size;
  const space = textWidth(' ', bold);
  let lines = 1;
  let used = 0;
  for (const word of words) {
    const w = textWidth(word, bold);
    if (used > 0 && used + space + w <= max) {
      used += space + w;
      continue;
    }
    if (used > 0) {
      lines++;
      used = 0;
    }
    if (w <= max) {
      used = w;
      continue;
    }
    for (const char of word) {
      const c = advance(char.codePointAt(0) as number, bold) * SLACK;
      if (used > 0 && used + c > max) {
        lines++;
        used = 0;
      }
      used += c;
    }
  }
  return lines;
}

/** The height of the chips' rows: chips flow and wrap like `flex-wrap`; a long chip wraps its text. */
function chipsHeight(chips: readonly CardChip[]): number {
  if (chips.length === 0) return 0;
  let height = 0;
  let rowUsed = 0;
  let rowHeight = 0;
  for (const chip of chips) {
    const inner = Math.min(textWidth(chip.text, true) * CHIP_SIZE, CARD_TEXT_WIDTH - CHIP_PAD);
    const width = inner + CHIP_PAD + (chip.extraWidth ?? 0);
    const lines = lineCount(chip.text, CHIP_SIZE, CARD_TEXT_WIDTH - CHIP_PAD - (chip.extraWidth ?? 0), true);
    const h = lines * CHIP_LINE + CHIP_BORDER_Y;
    if (rowUsed > 0 && rowUsed + CHIP_GAP + width > CARD_TEXT_WIDTH) {
      height += rowHeight + CHIP_GAP;
      rowUsed = 0;
      rowHeight = 0;
    }
    rowUsed += (rowUsed > 0 ? CHIP_GAP : 0) + width;
    rowHeight = Math.max(rowHeight, h);
  }
  return height + rowHeight + META_MARGIN;
}

/**
 * The height a card needs to show its whole text, chips, author and origin: never less
 * than NODE_SIZE.height (a short ripple keeps the familiar card), and as tall as its text
 * needs (a ripple's text is at most 500 characters: about 600 map units).
 *
 * @example
 * cardHeight({ text: 'Kort.', chips: [{ text: '1e orde' }], author: null, origin: null }); // 168
 */
export function cardHeight(content: CardContent): number {
  let height = BORDER_Y + PAD_TOP + PAD_BOTTOM + chipsHeight(content.chips);
  height += lineCount(content.text, TEXT_SIZE, CARD_TEXT_WIDTH) * TEXT_LINE;
  if (content.author !== null)
    height += AUTHOR_MARGIN + lineCount(`— ${content.author}`, AUTHOR_SIZE, CARD_TEXT_WIDTH) * AUTHOR_LINE;
  if (content.origin !== null)
    height += ORIGIN_MARGIN + lineCount(content.origin, ORIGIN_SIZE, CARD_TEXT_WIDTH) * ORIGIN_LINE;
  return Math.max(NODE_SIZE.height, Math.ceil(height / 8) * 8);
}
