/**
 * `npm run bench [-- --json] [--only worker,push,idle,load,library,dashboard,presence,lifecycle] [--load-scale F]`:
 * performance figures of the LOCAL runtime (wrangler dev, its local D1, under a bounded load),
 * of the agent (its adb push, its idle cost with fake phones) and of the dashboard (its first
 * render in Chromium over a slow phone network), each with a note of how it was
 * measured, and one summary table of them all at the end; see docs/benchmarks.md.
 * Progress goes to stderr. stdout carries the table, or with --json exactly one JSON
 * object (the table then goes to stderr). Exit codes: 0 done, 1 a measurement failed,
 * 2 wrong command line, 128 + n stopped by signal n. Everything it starts is stopped and
 * its temp directory removed in every case.
 */
import { parseArgs } from "node:util";
import { UsageError } from "../lib/errors";
import { runMain } from "../lib/run-main";
import { Cleanup } from "./cleanup";
import { watchInterrupts } from "./interrupt";
import { jsonReport, textReport } from "./report";
import { runBench, type Section, SECTIONS } from "./run";

const USAGE = [
  "usage: npm run bench [-- [--json] [--only SECTIONS] [--load-scale F]]",
  "  --json           print one JSON object on stdout (the table goes to stderr)",
  "  --only SECTIONS  run only these, comma-separated (default: all):",
  "                   worker (1-5 and 12: the Worker on wrangler dev), push (6: adb push), idle (7: idle agent),",
  "                   load (8: 50 clients, 2,000 creates and 20,000 reads), library (9: a 200 MB file in and out),",
  "                   dashboard (10: the dashboard's pages in Chromium over Slow 4G, 100 phones, 10,000 tasks),",
  "                   presence (11: D1 writes while 1,000 phones heartbeat), lifecycle (13: D1 per task, in workerd)",
  "  --load-scale F   section 8's request counts times F, 0 < F <= 1 (default 1; 0.1 for a quick run)",
].join("\n");

interface Options {
  json: boolean;
  help: boolean;
  sections: Set<Section>;
  loadScale: number;
}

function parseCommandLine(argv: readonly string[]): Options {
  let values: { json?: boolean; help?: boolean; only?: string; "load-scale"?: string };
  try {
    const options = { json: { type: "boolean" }, help: { type: "boolean", short: "h" }, only: { type: "string" }, "load-scale": { type: "string" } } as const;
    values = parseArgs({ args: [...argv], options, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  return { json: values.json === true, help: values.help === true, sections: parseSections(values.only), loadScale: parseLoadScale(values["load-scale"]) };
}

function parseLoadScale(text: string | undefined): number {
  const scale = Number(text ?? 1);
  if (text?.trim() === "" || !Number.isFinite(scale) || scale <= 0 || scale > 1) {
    throw new UsageError(`--load-scale: "${text}" is not a number above 0 and at most 1`);
  }
  return scale;
}

function parseSections(only: string | undefined): Set<Section> {
  const sections = new Set<Section>();
  for (const name of only?.split(",").map((part) => part.trim()) ?? SECTIONS) {
    const section = SECTIONS.find((s) => s === name);
    if (section === undefined) throw new UsageError(`--only: unknown section "${name}" (known: ${SECTIONS.join(", ")})`);
    sections.add(section);
  }
  return sections;
}

async function main(argv: readonly string[]): Promise<number> {
  let options: Options;
  try {
    options = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`error: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }

  const report = (line: string) => process.stderr.write(`[bench] ${line}\n`);
  const interrupts = watchInterrupts();
  const cleanup = new Cleanup(report);
  process.on("exit", cleanup.runAllSync);
  try {
    const result = await runBench(options.sections, { loadScale: options.loadScale }, cleanup, interrupts.signal, report);
    const text = textReport(result);
    if (options.json) {
      process.stderr.write(`\n${text}`);
      process.stdout.write(jsonReport(result));
    } else {
      process.stdout.write(`\n${text}`);
    }
    return 0;
  } catch (error) {
    if (interrupts.signal.aborted) return interrupts.exitCode();
    throw error;
  } finally {
    report("cleaning up");
    await cleanup.runAll();
    process.off("exit", cleanup.runAllSync);
    interrupts.dispose();
  }
}

await runMain(() => main(process.argv.slice(2)));
