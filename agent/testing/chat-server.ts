import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the endpoint received. */
export interface ChatRequest {
  authorization: string | undefined;
  body: { model?: string; messages?: { role: string; content: string }[]; max_tokens?: number; temperature?: number };
}

/** What the endpoint answers: a comment (wrapped as OpenAI does), or a status with its error body. */
export type ChatAnswer = { comment: string } | { status: number; error?: string } | { hang: true };

export interface ChatServer {
  /** Its chat-completions URL on 127.0.0.1. */
  url: string;
  requests: ChatRequest[];
  close(): Promise<void>;
}

/**
 * An OpenAI-compatible chat-completions endpoint on 127.0.0.1, as a warm-up's
 * generate_by_chatgpt calls one: it keeps every request and answers each as `answer` says
 * (its request's 0-based number given). Stopped by the test that started it.
 */
export async function startChatServer(answer: (request: ChatRequest, index: number) => ChatAnswer): Promise<ChatServer> {
  const requests: ChatRequest[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((text) => {
      if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
        res.writeHead(404).end();
        return;
      }
      const request: ChatRequest = { authorization: req.headers.authorization, body: JSON.parse(text) as ChatRequest["body"] };
      const reply = answer(request, requests.length);
      requests.push(request);
      if ("hang" in reply) return; // never answers: the caller's timeout or stop must end it
      if ("comment" in reply) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ id: `chatcmpl-${requests.length}`, object: "chat.completion", choices: [{ index: 0, message: { role: "assistant", content: reply.comment }, finish_reason: "stop" }] }));
        return;
      }
      res.writeHead(reply.status, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: reply.error ?? "failed", type: "invalid_request_error" } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/chat/completions`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (text += chunk));
    req.on("end", () => resolve(text));
    req.on("error", reject);
  });
}
