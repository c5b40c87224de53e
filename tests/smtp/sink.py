"""A real SMTP server on loopback for the tests and benchmarks (aiosmtpd).

Every accepted message is written to OUT/<n>.eml, and a line
`<unix time in ms> <Message-ID>` is appended to OUT/received.log, so a test can count
deliveries (duplicates included) and a benchmark can time them; OUT/envelopes.log has
`<Message-ID> <recipient>,<recipient>…`, the envelope's recipients.

  sink.py --port P --out DIR [--reject ADDRESS] [--delay-first SECONDS]

--reject ADDRESS   answers 550 (permanent failure) for that recipient
--delay-first S    holds the first message's DATA for S seconds after saving it, as a
                   server that took the mail but whose answer never reached the sender
"""

import argparse
import asyncio
import email
import itertools
import os
import signal
import time

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, out, reject, delay_first):
        self.out = out
        self.reject = reject
        self.delay_first = delay_first
        self.counter = itertools.count(1)
        self.log = open(os.path.join(out, "received.log"), "a", buffering=1)
        self.envelopes = open(os.path.join(out, "envelopes.log"), "a", buffering=1)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.reject and address.lower() == self.reject.lower():
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        n = next(self.counter)
        content = envelope.original_content or envelope.content
        message_id = email.message_from_bytes(content).get("Message-ID", "").strip()
        path = os.path.join(self.out, f"{n:06d}.eml")
        with open(path + ".tmp", "wb") as f:
            f.write(content)
        os.rename(path + ".tmp", path)
        self.envelopes.write(f"{message_id} {','.join(envelope.rcpt_tos)}\n")
        self.log.write(f"{int(time.time() * 1000)} {message_id}\n")
        if n == 1 and self.delay_first:
            open(os.path.join(self.out, "holding"), "w").close()
            await asyncio.sleep(self.delay_first)
        return "250 Message accepted"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--reject")
    parser.add_argument("--delay-first", type=float, default=0)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    controller = Controller(
        Sink(args.out, args.reject, args.delay_first),
        hostname="127.0.0.1",
        port=args.port,
        data_size_limit=10 * 1024 * 1024,
    )
    controller.start()
    print(f"listening on {args.port}", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: (controller.stop(), os._exit(0)))
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        controller.stop()


if __name__ == "__main__":
    main()
