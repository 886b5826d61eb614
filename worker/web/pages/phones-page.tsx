/** @jsxImportSource hono/jsx */
import type { PhoneCard } from "../data/phones-data";
import type { Messages } from "../i18n/messages";
import { formatTime } from "../time-format";
import { Layout } from "./layout";

interface PhonesProps {
  t: Messages;
  csrf: string;
  workspace: { name: string; timezone: string };
  phones: PhoneCard[];
}

/** The workspace's phones as cards: presence, the running task and its step, the last screenshot, model and agent. */
export function PhonesPage({ t, csrf, workspace, phones }: PhonesProps) {
  return (
    <Layout t={t} title={t.phonesTitle} session={{ csrf, section: "phones", workspace: workspace.name }}>
      {phones.length === 0 ? (
        <p>{t.noPhones}</p>
      ) : (
        <ul class="grid" aria-label={t.phonesTitle}>
          {phones.map((phone) => (
            <li class="card phone" data-serial={phone.serial} data-presence={presenceOf(phone)}>
              <h2>{phone.name ?? phone.serial}</h2>
              <p class={`presence ${presenceOf(phone)}`}>{presenceText(phone, workspace.timezone, t)}</p>
              {phone.running !== null && (
                <p class="running">
                  {t.runningTask(phone.running.id, phone.running.script)}
                  {phone.running.step !== "" && <span class="hint"> · {phone.running.step}</span>}
                </p>
              )}
              {phone.lastScreenshotTaskId !== null && (
                <img class="thumb" src={`/phones/${encodeURIComponent(phone.serial)}/screenshot?task=${phone.lastScreenshotTaskId}`} alt={t.lastScreenshot(phone.serial)} loading="lazy" width="108" height="240" />
              )}
              <p class="hint">
                {[phone.model, phone.androidVersion === null ? null : `Android ${phone.androidVersion}`].filter((part) => part !== null).join(" · ")}
                {phone.agentId !== null && (
                  <>
                    <br />
                    {`${t.agent}: ${phone.agentId}${phone.agentVersion === null ? "" : ` ${phone.agentVersion}`}`}
                  </>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

function presenceOf(phone: PhoneCard): "busy" | "online" | "offline" {
  if (!phone.online) return "offline";
  return phone.running === null ? "online" : "busy";
}

function presenceText(phone: PhoneCard, timeZone: string, t: Messages): string {
  const presence = presenceOf(phone);
  if (presence === "online") return t.online;
  if (presence === "busy") return t.busy;
  return phone.lastSeenAt === null ? t.neverSeen : t.offlineSince(formatTime(phone.lastSeenAt, timeZone, t));
}
