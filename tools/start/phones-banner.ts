import type { PhoneSetup } from "./phones";
import { shownPath } from "./paths";
import { shellQuote } from "./shell-quote";

/** The README's caption: Chinese with hashtags, which only ADBKeyBoard can type. */
export const SAMPLE_CAPTION = "看看我的新视频!#热门 #推荐";

export interface PhonesBannerInput {
  baseUrl: string;
  apiKey: string;
  agentTokenFile: string;
  setup: PhoneSetup;
  samplePath: string;
  /** Simulated serials the agent had not linked by the deadline. */
  stillOffline: readonly string[];
}

/** What runs the phones, and for simulated ones the task to try and how to read it back. */
export function phonesBanner(input: PhonesBannerInput): string {
  const { baseUrl, apiKey, setup } = input;
  const agent = `The agent (its lines start with [agent]) uses the dev agent token in ${shownPath(input.agentTokenFile)}.`;
  const auth = `-H "Authorization: Bearer ${apiKey}"`;
  if (setup.serials === undefined) {
    const started = setup.startedAdbServer ? " (started by npm start, stopped with it)" : "";
    return [
      agent,
      `It drives the phones the adb server on 127.0.0.1:${setup.adbPort} sees${started}.`,
      "Plug a phone in with USB debugging on and allow this computer; within seconds it is listed here:",
      "",
      `    curl ${auth} ${baseUrl}/api/v1/devices`,
      "",
    ].join("\n");
  }
  const [first = ""] = setup.serials;
  const body = {
    serials: [first],
    script_name: "post",
    script_config: { content_type: 0, captions: SAMPLE_CAPTION, material_list: [shownPath(input.samplePath)], upload_wait_time: 60 },
  };
  const lagging = input.stillOffline.length === 0 ? [] : [`(not linked yet: ${input.stillOffline.join(", ")}; see the [agent] lines)`];
  return [
    `Simulated phones, each with TikTok, Instagram and ADBKeyBoard (private adb server on 127.0.0.1:${setup.adbPort}):`,
    `    ${setup.serials.join("  ")}`,
    ...lagging,
    agent,
    "",
    `Post the sample video on ${first} (the POST answers with the task id; 1 on a fresh database):`,
    "",
    `    curl -X POST ${baseUrl}/api/v1/task \\`,
    `      ${auth} \\`,
    `      -H "Content-Type: application/json" \\`,
    `      -d ${shellQuote(JSON.stringify(body))}`,
    `    curl ${auth} ${baseUrl}/api/v1/task/1`,
    `    curl ${auth} ${baseUrl}/api/v1/task/1/logs`,
    `    curl ${auth} ${baseUrl}/api/v1/task/1/screenshot -o shot.png`,
    "",
  ].join("\n");
}
