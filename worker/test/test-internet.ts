/**
 * The internet as the Worker's tests see it: every fetch the Worker makes to the outside
 * (miniflare's outboundService, wired in vitest.config.ts) lands here, so no test reaches a
 * real host. `https://media.example.com` is a media server with the answers the library's
 * import must handle; any other host is unreachable, as a host that does not answer would be.
 * It runs in Node, beside the pool, not in workerd.
 */
import { mp4 } from "../routes/materials/test-files";

export const MEDIA_HOST = "media.example.com";

/** The video the media server serves, as the library's tests make one (an MP4's first bytes). */
export const importableVideo = mp4;

export const IMPORTABLE = { size: 200_000, seed: 77 } as const;

export function testInternet(request: Request): Response {
  const url = new URL(request.url);
  if (url.hostname !== MEDIA_HOST) return new Response(`no route to ${url.hostname}`, { status: 502 });
  const video = importableVideo(IMPORTABLE.size, IMPORTABLE.seed);
  switch (url.pathname) {
    case "/clips/beach%20day.mp4":
      return new Response(video, { headers: { "content-type": "video/mp4", "content-length": String(video.byteLength) } });
    case "/hop":
      return new Response(null, { status: 302, headers: { location: "/clips/beach%20day.mp4" } });
    case "/into-the-lan":
      return new Response(null, { status: 301, headers: { location: "https://192.168.1.10/clip.mp4" } });
    case "/to-http":
      return new Response(null, { status: 302, headers: { location: "http://media.example.com/clips/beach%20day.mp4" } });
    case "/loop":
      return new Response(null, { status: 302, headers: { location: "/loop" } });
    case "/page.html":
      return new Response("<!doctype html><title>not a video</title>".padEnd(400, " "), { headers: { "content-type": "text/html", "content-length": "400" } });
    case "/streamed.mp4":
      // Chunked: no Content-Length.
      return new Response(new ReadableStream({ start: (controller) => (controller.enqueue(video), controller.close()) }), { headers: { "content-type": "video/mp4" } });
    case "/huge.mp4":
      return new Response(video.subarray(0, 1000), { headers: { "content-type": "video/mp4", "content-length": String(5 * 1024 ** 4) } });
    default:
      return new Response("not found", { status: 404 });
  }
}
