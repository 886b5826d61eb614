/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import type { Messages } from "../i18n/messages";
import { CSRF_FIELD } from "../session/csrf";

export type Section = "home" | "phones" | "tasks" | "post" | "library" | "accounts" | "settings";

/** The nav, in its order: each section and its page. */
const SECTIONS: readonly [Section, string][] = [
  ["home", "/"],
  ["phones", "/phones"],
  ["tasks", "/tasks"],
  ["post", "/post"],
  ["library", "/library"],
  ["accounts", "/accounts"],
  ["settings", "/settings"],
];

interface LayoutProps {
  t: Messages;
  title: string;
  /** Signed-in pages: the nav, sign-out, and the live region the script refreshes. */
  session?: { csrf: string; section: Section; workspace: string };
  /** What the last action did (saved, signed out, two tasks stopped), under the title. */
  notice?: string | undefined;
  /** False for a page that is a form: a refresh would wipe what is being typed. */
  live?: boolean;
  children: Child;
}

/**
 * Every page's frame: one stylesheet and one script from /assets (the CSP allows nothing
 * inline), the nav for signed-in pages, and `main#live`, which assets/app.js reloads every few
 * seconds and marks stale when it cannot.
 */
export function Layout({ t, title, session, notice, live = true, children }: LayoutProps) {
  return (
    <html lang={t.lang === "zh" ? "zh-CN" : "en"}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{`${title} · ${t.appName}`}</title>
        <link rel="stylesheet" href="/assets/app.css" />
        <script src="/assets/app.js" defer />
      </head>
      <body>
        {session !== undefined && (
          <header class="top">
            <span class="brand">{session.workspace}</span>
            <nav aria-label={t.appName}>
              {SECTIONS.map(([section, href]) => (
                <a href={href} aria-current={session.section === section ? "page" : undefined}>
                  {t.nav[section]}
                </a>
              ))}
            </nav>
            <form method="post" action="/logout">
              <input type="hidden" name={CSRF_FIELD} value={session.csrf} />
              <button type="submit" class="quiet">
                {t.signOut}
              </button>
            </form>
          </header>
        )}
        <p id="status" role="status" hidden data-stale={t.stale} data-offline={t.networkGone} />
        <main id="live" data-refresh={session === undefined || !live ? undefined : "10"}>
          <h1>{title}</h1>
          {notice !== undefined && (
            <p class="notice" role="status">
              {notice}
            </p>
          )}
          {children}
        </main>
      </body>
    </html>
  );
}
