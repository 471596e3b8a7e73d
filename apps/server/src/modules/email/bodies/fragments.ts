/**
 * A reply split into fragments the way GitHub's email_reply_parser does it (the model its test
 * corpus is written against): lines are read bottom-up; a run of "> " lines (with the reply header
 * "On … wrote:" above it and blank lines inside) is one quoted fragment; a fragment whose first
 * line is "--", "__", "-Name" or "Sent from my X" and that has a blank line above it is a
 * signature; quoted, signature and blank fragments below the lowest visible one are hidden.
 * Linear in the input (no regex runs over more than one line, except the one header join).
 */
export interface Fragment {
  content: string;
  quoted: boolean;
  signature: boolean;
  hidden: boolean;
}

/** "--", "-- Name", "____", "-Name", "Sent from my iPhone"; not a long dashed banner with words ("--- Enter feedback below ---"). */
const SIGNATURE_START = /^\s*(?:--+\s*$|--\s?[^-\s].{0,40}$|__|-\w)|^Sent from my(?:\s*\w+){1,3}\s*$/;
const QUOTED = /^>/;
const QUOTE_HEADER = /^On\s.+wrote:$/;

export function replyFragmentsOf(input: string): Fragment[] {
  let text = input.replace(/\r\n/g, '\n');
  // Clients wrap "On DATE, NAME <EMAIL> wrote:" over several lines: join the first such header.
  const header = /^(?!On.*On\s.+?wrote:)(On\s(?:.+?)wrote:)$/ms.exec(text.length > 200_000 ? text.slice(0, 200_000) : text);
  if (header && header[1]!.length < 1000) text = text.replace(header[1]!, header[1]!.replace(/\n/g, ' '));
  // A reply written right above a line of underscores or dashes: give that line its own start.
  text = text.replace(/([^\n])(?=\n ?[_-]{7,})/g, '$1\n');

  const lines = text.split('\n');
  const fragments: Array<{ lines: string[]; quoted: boolean; signature: boolean; hidden: boolean }> = [];
  let current: { lines: string[]; quoted: boolean; signature: boolean; hidden: boolean } | null = null;
  let foundVisible = false;

  const finish = () => {
    if (!current) return;
    if (!foundVisible) {
      if (current.quoted || current.signature || current.lines.join('\n').trim() === '') current.hidden = true;
      else foundVisible = true;
    }
    fragments.push(current);
    current = null;
  };

  for (let i = lines.length - 1; i >= 0; i--) {
    let line = lines[i]!;
    // GitHub strips leading white space of each line read backwards (= trailing), except signature starts.
    if (!SIGNATURE_START.test(line)) line = line.replace(/\s+$/, '');
    const quoted = QUOTED.test(line);
    if (current && line === '' && SIGNATURE_START.test(current.lines[current.lines.length - 1]!)) {
      current.signature = true;
      finish();
    }
    if (current && (current.quoted === quoted || (current.quoted && (QUOTE_HEADER.test(line) || line === '')))) {
      current.lines.push(line);
    } else {
      finish();
      current = { lines: [line], quoted, signature: false, hidden: false };
    }
  }
  finish();
  return fragments.reverse().map((f) => ({ content: f.lines.reverse().join('\n'), quoted: f.quoted, signature: f.signature, hidden: f.hidden }));
}

/** GitHub's visible text: the fragments not hidden, joined, right-trimmed. */
export function visibleTextOf(fragments: readonly Fragment[]): string {
  return fragments.filter((f) => !f.hidden).map((f) => f.content).join('\n').replace(/\s+$/, '');
}
