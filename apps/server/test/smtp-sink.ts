import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server in the test: every mail handed to it, with its envelope, parsed by mailparser. */
export interface Caught {
  envelope: { from: string; to: string[] };
  mail: ParsedMail;
  raw: string;
}
export interface Sink {
  port: number;
  caught: Caught[];
  /** The next n mails are refused with this SMTP reply code. */
  refuseNext(n: number, code: number): void;
  close(): Promise<void>;
}
export async function startSink(): Promise<Sink> {
  const caught: Caught[] = [];
  let refuse = { n: 0, code: 550 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        if (refuse.n > 0) {
          refuse.n--;
          const error = Object.assign(new Error('refused by the test sink'), { responseCode: refuse.code });
          return callback(error);
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const envelope = { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address) };
        caught.push({ envelope, mail: await simpleParser(raw), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    caught,
    refuseNext: (n, code) => void (refuse = { n, code }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
