// Just enough of /system/bin/sh to run the lines automation sends: words with quotes,
// `;`, `&&`, `||`, and the redirections adbkit and public scripts append
// (adbkit's screencap sends "echo && screencap -p 2>/dev/null").

export type Connector = ";" | "&&" | "||";

export interface SimpleCommand {
  argv: string[];
  /** How this command joins the one before it. */
  after: Connector;
  dropStdout: boolean;
  dropStderr: boolean;
  stderrToStdout: boolean;
}

export function parseShellLine(line: string): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  let current = emptyCommand(";");
  let word: string | undefined;
  const endWord = (): void => {
    if (word !== undefined) current.argv.push(word);
    word = undefined;
  };
  const endCommand = (next: Connector): void => {
    endWord();
    applyRedirections(current);
    if (current.argv.length > 0) commands.push(current);
    current = emptyCommand(next);
  };

  for (let i = 0; i < line.length; i++) {
    const ch = line[i] ?? "";
    const rest = line.slice(i);
    if (ch === "'") {
      const close = line.indexOf("'", i + 1);
      if (close < 0) throw new Error("unterminated quote");
      word = (word ?? "") + line.slice(i + 1, close);
      i = close;
    } else if (ch === '"') {
      let text = "";
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === "\\" && j + 1 < line.length && '"\\$`'.includes(line[j + 1] ?? "")) j++;
        text += line[j] ?? "";
      }
      if (j >= line.length) throw new Error("unterminated quote");
      word = (word ?? "") + text;
      i = j;
    } else if (ch === "\\" && i + 1 < line.length) {
      word = (word ?? "") + (line[i + 1] ?? "");
      i++;
    } else if (rest.startsWith("&&") || rest.startsWith("||")) {
      endCommand(rest.startsWith("&&") ? "&&" : "||");
      i++;
    } else if (ch === ";" || ch === "\n") {
      endCommand(";");
    } else if (ch === " " || ch === "\t") {
      endWord();
    } else {
      word = (word ?? "") + ch;
    }
  }
  endCommand(";");
  return commands;
}

function emptyCommand(after: Connector): SimpleCommand {
  return { argv: [], after, dropStdout: false, dropStderr: false, stderrToStdout: false };
}

// Redirections are whole words after tokenising ("2>/dev/null", "2>&1", ">/dev/null").
function applyRedirections(command: SimpleCommand): void {
  command.argv = command.argv.filter((arg) => {
    if (arg === "2>/dev/null") command.dropStderr = true;
    else if (arg === ">/dev/null" || arg === "1>/dev/null") command.dropStdout = true;
    else if (arg === "2>&1") command.stderrToStdout = true;
    else return true;
    return false;
  });
}
