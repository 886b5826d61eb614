/** @jsxImportSource hono/jsx */
import type { HomeData } from "../data/home-data";
import type { Messages } from "../i18n/messages";
import { formatTime } from "../time-format";
import { Layout } from "./layout";

interface HomeProps {
  t: Messages;
  csrf: string;
  workspace: { name: string; timezone: string };
  data: HomeData;
}

/** First what needs a person (offline phones, failures, accounts on a screen), then today's counts. */
export function HomePage({ t, csrf, workspace, data }: HomeProps) {
  const needs = data.phonesOffline.length + data.failedLastDay + data.accountsNeedingAttention.length;
  return (
    <Layout t={t} title={t.nav.home} session={{ csrf, section: "home", workspace: workspace.name }}>
      <section aria-labelledby="needs">
        <h2 id="needs">{t.needsYou}</h2>
        {needs === 0 ? (
          <p class="ok">{t.allGood}</p>
        ) : (
          <ul class="alerts">
            {data.phonesOffline.length > 0 && (
              <li>
                <a href="/phones">{t.phonesOffline(data.phonesOffline.length)}</a>
                <span class="hint">
                  {" "}
                  {data.phonesOffline
                    .slice(0, 5)
                    .map((p) => (p.lastSeenAt === null ? `${p.serial} (${t.neverSeen})` : `${p.serial} (${formatTime(p.lastSeenAt, workspace.timezone, t)})`))
                    .join(", ")}
                </span>
              </li>
            )}
            {data.failedLastDay > 0 && <li>{t.failedLastDay(data.failedLastDay)}</li>}
            {data.accountsNeedingAttention.length > 0 && (
              <li>
                {t.accountsNeedAttention(data.accountsNeedingAttention.length)}
                <span class="hint"> {data.accountsNeedingAttention.map((a) => `@${a.username}: ${a.reason}`).join("; ")}</span>
              </li>
            )}
          </ul>
        )}
      </section>
      <section aria-labelledby="today">
        <h2 id="today">{t.today}</h2>
        <dl class="counts">
          {(["running", "queued", "done", "failed"] as const).map((key) => (
            <div data-count={key}>
              <dt>{t.counts[key]}</dt>
              <dd>{data.today[key]}</dd>
            </div>
          ))}
        </dl>
      </section>
    </Layout>
  );
}
