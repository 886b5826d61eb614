import { PassThrough } from "node:stream";
import { expect, test } from "vitest";
import { linePrefixer } from "./prefix-lines";

test("prefixes whole lines only, whatever the chunks, and flushes an unfinished last line", () => {
  const out = new PassThrough({ encoding: "utf8" });
  let written = "";
  out.on("data", (text: string) => (written += text));
  const prefixer = linePrefixer("[agent] ", out);
  for (const chunk of ["ser", "ver http://x\nadb 127", ".0.0.1:5037\n\n", "last"]) prefixer.write(chunk);
  prefixer.flush();
  expect(written).toBe("[agent] server http://x\n[agent] adb 127.0.0.1:5037\n[agent] \n[agent] last\n");
});
