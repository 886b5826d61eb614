/**
 * The environment every wrangler run gets. This machine (and CI) reach only package
 * registries, so wrangler's cf.json fetch and update banner would only add noise and
 * stack traces; telemetry is off in wrangler.toml (send_metrics = false).
 */
export function quietEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    WRANGLER_HIDE_BANNER: "true",
    ...extra,
  };
}
