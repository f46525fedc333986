"use strict";
// Opens a file sealed by s3share (crates/core/src/protect/sealed.rs) in this browser:
// downloads it through the pre-signed link in data-src, derives the key from the password
// (WebCrypto PBKDF2-SHA256, parameters from the file's header), decrypts chunk by chunk as
// the bytes arrive, and saves the file under its real name. Nothing leaves this page.
(() => {
  const MAGIC = "S3SHPROT";
  const VERSION = 1;
  const HEADER_LEN = 40;
  const TAG_LEN = 16;
  const LABEL_LEN = 1024;
  const MAX_ITERATIONS = 10000000;
  const MAX_CHUNK = 16 << 20;
  const MORE = 0, LAST = 1, CHECK = 2;

  const $ = (id) => document.getElementById(id);
  const page = $("protected");
  const form = $("unlock");
  const password = $("password");
  const button = $("open");
  const progress = $("progress");
  const status = $("status");
  const saved = $("saved");
  const again = $("again");
  const total = Number(page.dataset.size) || 0;
  form.hidden = false;

  class Refused extends Error {}
  const WRONG = "That password does not open this file. Check it (capitals, accents) and try again.";
  const DAMAGED = "This file was changed or cut short after it was protected, so it was not opened. Ask the sender to share it again.";

  function say(text, kind) {
    status.textContent = text;
    status.className = kind || "";
  }

  // Control and direction characters in a name, shown as escapes rather than obeyed: the
  // set and the form of the app's own visible.rs (a test there holds them equal).
  const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
  const SHORT = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };
  function visible(name) {
    return name.replace(HIDDEN, (c) => SHORT[c] ||
      "\\u{" + c.codePointAt(0).toString(16).toUpperCase().padStart(4, "0") + "}");
  }

  // The link's end in the reader's own time zone.
  const until = $("until");
  if (until) {
    const end = new Date(until.getAttribute("datetime"));
    if (!isNaN(end)) {
      until.textContent = end.toLocaleString(undefined, {
        weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit",
      });
    }
  }

  if (!window.isSecureContext || !window.crypto || !crypto.subtle) {
    say("This page can only open the file over https. Ask the sender for an https link.", "error");
    button.disabled = true;
    password.disabled = true;
    return;
  }

  // Bytes of a streamed response, taken in exact amounts.
  class Bytes {
    constructor(body) {
      this.reader = body.getReader();
      this.parts = [];
      this.buffered = 0;
      this.done = false;
      this.received = 0;
    }
    // Reads until at least `n` bytes are buffered or the response has ended.
    async fill(n) {
      while (this.buffered < n && !this.done) {
        const { value, done } = await this.reader.read();
        if (done) { this.done = true; break; }
        this.parts.push(value);
        this.buffered += value.length;
        this.received += value.length;
        onProgress(this.received);
      }
      return this.buffered;
    }
    take(n) {
      const out = new Uint8Array(n);
      let at = 0;
      while (at < n) {
        const head = this.parts[0];
        const want = n - at;
        if (head.length <= want) {
          out.set(head, at);
          at += head.length;
          this.parts.shift();
        } else {
          out.set(head.subarray(0, want), at);
          this.parts[0] = head.subarray(want);
          at = n;
        }
      }
      this.buffered -= n;
      return out;
    }
    async exactly(n) {
      if (await this.fill(n) < n) throw new Refused(DAMAGED);
      return this.take(n);
    }
    cancel() {
      this.reader.cancel().catch(() => {});
    }
  }

  function onProgress(received) {
    if (total > 0) {
      progress.value = Math.min(100, Math.floor((received / total) * 100));
      say("Opening… " + progress.value + " %");
    }
  }

  function parseHeader(bytes) {
    const magic = String.fromCharCode(...bytes.subarray(0, 8));
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const header = {
      version: bytes[8],
      iterations: view.getUint32(9),
      salt: bytes.slice(13, 29),
      prefix: bytes.slice(29, 36),
      chunk: view.getUint32(36),
    };
    const sane = magic === MAGIC && header.version === VERSION
      && header.iterations >= 1 && header.iterations <= MAX_ITERATIONS
      && header.chunk >= 1 && header.chunk <= MAX_CHUNK;
    if (!sane) throw new Refused(DAMAGED);
    return header;
  }

  function nonce(header, counter, flag) {
    const iv = new Uint8Array(12);
    iv.set(header.prefix, 0);
    new DataView(iv.buffer).setUint32(7, counter);
    iv[11] = flag;
    return iv;
  }

  async function deriveKey(text, header) {
    const material = await crypto.subtle.importKey(
      "raw", new TextEncoder().encode(text.normalize("NFC")), "PBKDF2", false, ["deriveKey"]);
    return crypto.subtle.deriveKey(
      { name: "PBKDF2", hash: "SHA-256", salt: header.salt, iterations: header.iterations },
      material, { name: "AES-GCM", length: 256 }, false, ["decrypt"]);
  }

  async function openPiece(key, headerBytes, header, counter, flag, piece, failure) {
    try {
      return await crypto.subtle.decrypt(
        { name: "AES-GCM", iv: nonce(header, counter, flag), additionalData: headerBytes, tagLength: 128 },
        key, piece);
    } catch (e) {
      throw new Refused(failure);
    }
  }

  function parseLabel(buffer) {
    const bytes = new Uint8Array(buffer);
    const view = new DataView(buffer);
    const text = new TextDecoder("utf-8", { fatal: true });
    const nameLen = view.getUint16(0);
    const typeAt = 2 + nameLen;
    if (typeAt + 2 > bytes.length) throw new Refused(DAMAGED);
    const typeLen = view.getUint16(typeAt);
    if (typeAt + 2 + typeLen > bytes.length) throw new Refused(DAMAGED);
    try {
      return {
        name: text.decode(bytes.subarray(2, typeAt)),
        type: text.decode(bytes.subarray(typeAt + 2, typeAt + 2 + typeLen)),
      };
    } catch (e) {
      throw new Refused(DAMAGED);
    }
  }

  async function openFile(secret) {
    say("Downloading…");
    let response;
    try {
      response = await fetch(page.dataset.src, { cache: "no-store", credentials: "omit" });
    } catch (e) {
      throw new Refused("The file could not be downloaded (no connection?). Try again.");
    }
    if (response.status === 403 || response.status === 404) {
      throw new Refused("This link has ended or the file was taken back. Ask the sender for a new link.");
    }
    if (!response.ok || !response.body) {
      throw new Refused("The storage server answered " + response.status + ". Try again later.");
    }
    const bytes = new Bytes(response.body);
    try {
      const headerBytes = await bytes.exactly(HEADER_LEN);
      const header = parseHeader(headerBytes);
      say("Checking the password…");
      const key = await deriveKey(secret, header);
      const check = await bytes.exactly(TAG_LEN);
      await openPiece(key, headerBytes, header, 0, CHECK, check, WRONG);
      const label = parseLabel(await openPiece(
        key, headerBytes, header, 0, MORE, await bytes.exactly(LABEL_LEN + TAG_LEN), DAMAGED));
      const step = header.chunk + TAG_LEN;
      const parts = [];
      for (let counter = 1; ; counter++) {
        // A chunk is the last one when no byte follows it.
        const have = await bytes.fill(step + 1);
        const last = have <= step;
        if (last && have < TAG_LEN) throw new Refused(DAMAGED);
        const piece = bytes.take(last ? have : step);
        parts.push(await openPiece(key, headerBytes, header, counter, last ? LAST : MORE, piece, DAMAGED));
        if (last) break;
      }
      return { label, blob: new Blob(parts, { type: label.type || "application/octet-stream" }) };
    } finally {
      bytes.cancel();
    }
  }

  let busy = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (busy || password.value === "") return;
    busy = true;
    button.disabled = true;
    saved.hidden = true;
    progress.hidden = false;
    progress.value = 0;
    try {
      const { label, blob } = await openFile(password.value);
      if (again.href) URL.revokeObjectURL(again.href);
      again.href = URL.createObjectURL(blob);
      again.download = label.name;
      $("name").textContent = visible(label.name);
      progress.hidden = true;
      form.hidden = true;
      say("The file is open.", "ok");
      saved.hidden = false;
      again.click();
    } catch (e) {
      progress.hidden = true;
      say(e instanceof Refused ? e.message : "The file could not be opened: " + e, "error");
      if (e instanceof Refused && e.message === WRONG) {
        password.focus();
        password.select();
      }
    } finally {
      busy = false;
      button.disabled = false;
    }
  });
})();
