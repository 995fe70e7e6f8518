/** What a handler answers: status, and a body with its content type. */
export interface Reply {
  readonly status: number;
  readonly contentType?: string;
  readonly body?: string;
}

/** A JSON success body (`Content-Type: application/json`, no charset, as Toxiproxy). */
export function jsonReply(status: number, body: string): Reply {
  return { status, contentType: 'application/json', body };
}

/** `204 No Content`. */
export const noContent: Reply = { status: 204 };
