// One ADB stream seen from the device: bytes the service writes are sent as WRTE packets,
// never more than one unacknowledged at a time (the host drops or stalls a stream that
// breaks that rule), and the CLSE waits until every queued byte was acknowledged.

export interface StreamSink {
  /** Sends a WRTE carrying `data` for this stream. */
  sendWrite(localId: number, remoteId: number, data: Buffer): void;
  sendClose(localId: number, remoteId: number): void;
  /** Called once the stream is gone, so the transport forgets its id. */
  forget(localId: number): void;
}

export class DeviceStream {
  private readonly pending: Buffer[] = [];
  private awaitingAck = false;
  private closeRequested = false;
  private closed = false;
  private readonly closeListeners: Array<() => void> = [];

  constructor(
    readonly localId: number,
    readonly remoteId: number,
    private readonly maxPayload: number,
    private readonly sink: StreamSink,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  write(data: Buffer): void {
    if (this.closed || this.closeRequested) return;
    // Split here so each WRTE respects the payload size both sides agreed in CNXN.
    for (let offset = 0; offset < data.length; offset += this.maxPayload) {
      this.pending.push(data.subarray(offset, offset + this.maxPayload));
    }
    this.flush();
  }

  /** Closes after the queued bytes were delivered. */
  end(): void {
    if (this.closed) return;
    this.closeRequested = true;
    this.flush();
  }

  onClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }

  /** The host acknowledged our last WRTE. */
  acknowledged(): void {
    this.awaitingAck = false;
    this.flush();
  }

  /** The host closed the stream: drop whatever is still queued. */
  closedByHost(): void {
    this.finish(false);
  }

  private flush(): void {
    if (this.closed || this.awaitingAck) return;
    const next = this.pending.shift();
    if (next !== undefined) {
      this.awaitingAck = true;
      this.sink.sendWrite(this.localId, this.remoteId, next);
      return;
    }
    if (this.closeRequested) this.finish(true);
  }

  private finish(notifyHost: boolean): void {
    if (this.closed) return;
    this.closed = true;
    this.pending.length = 0;
    if (notifyHost) this.sink.sendClose(this.localId, this.remoteId);
    this.sink.forget(this.localId);
    for (const listener of this.closeListeners) listener();
  }
}
