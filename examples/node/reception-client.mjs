// A sample reception program for OnshiDevice in JavaScript (docs/CLIENTS.md): the call sequence of a patient's
// check-in with a My Number card and its PIN, using only proto/ and @grpc/grpc-js.
//
//   node reception-client.mjs [unix:/path/to/onshi-device.sock | 127.0.0.1:50151] [--allow-last-try]
//
// The patient's PIN is read from standard input (a pipe from the program that asked for it); it never goes on a
// command line, where other users of the PC could read it. Every call has a deadline; every error is read from its
// google.rpc.ErrorInfo reason (docs/ERRORS.md).
import { randomBytes, createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import readline from 'node:readline/promises';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import protobuf from 'protobufjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const options = { includeDirs: [path.resolve(here, '../../proto')], keepCase: false, longs: String, enums: String, defaults: true };
const v1 = grpc.loadPackageDefinition(protoLoader.loadSync(
  ['cards.proto', 'certificates.proto', 'readers.proto', 'errors.proto'].map(file => `onshi/device/v1/${file}`), options)).onshi.device.v1;

// The standard health service and the rich error details are well-known protos; their few fields are declared here.
const wellKnown = protobuf.parse(`
  syntax = "proto3";
  package grpc.health.v1;
  message HealthCheckRequest { string service = 1; }
  message HealthCheckResponse { enum ServingStatus { UNKNOWN = 0; SERVING = 1; NOT_SERVING = 2; SERVICE_UNKNOWN = 3; } ServingStatus status = 1; }
  service Health { rpc Check(HealthCheckRequest) returns (HealthCheckResponse); }
`).root;
const health = grpc.loadPackageDefinition(protoLoader.fromJSON(wellKnown.toJSON(), options)).grpc.health.v1;
const rpcStatus = protobuf.parse(`
  syntax = "proto3";
  package google.rpc;
  message Any { string type_url = 1; bytes value = 2; }
  message Status { int32 code = 1; string message = 2; repeated Any details = 3; }
  message ErrorInfo { string reason = 1; string domain = 2; map<string, string> metadata = 3; }
`).root;

const address = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : defaultAddress();
const allowLastTry = process.argv.includes('--allow-last-try');
const credentials = grpc.credentials.createInsecure(); // the local socket or loopback; the clinic LAN needs mTLS (docs/CLINIC-LAN.md)
const readers = new v1.Readers(address, credentials);
const cards = new v1.Cards(address, credentials);
const certificates = new v1.Certificates(address, credentials);
const healthClient = new health.Health(address, credentials);

const deadline = seconds => new Date(Date.now() + seconds * 1000);
const call = (client, method, request, seconds = 10) => new Promise((resolve, reject) =>
  client[method](request, { deadline: deadline(seconds) }, (error, response) => (error ? reject(error) : resolve(response))));

// The service's local socket (README, "Listeners"): a developer's own under $XDG_RUNTIME_DIR, else the system one.
function defaultAddress() {
  const own = process.env.XDG_RUNTIME_DIR && path.join(process.env.XDG_RUNTIME_DIR, 'onshi-device', 'onshi-device.sock');
  return `unix:${own && existsSync(own) ? own : '/run/onshi-device/onshi-device.sock'}`;
}

// The stream first describes the readers as they are, then reports changes: the first CARD_INSERTED names the reader.
const waitForCard = seconds => new Promise((resolve, reject) => {
  const watch = readers.WatchReaders({}, { deadline: deadline(seconds) });
  watch.on('data', change => {
    if (change.kind === 'KIND_CARD_INSERTED') {
      resolve(change.reader);
      watch.cancel();
    }
  });
  watch.on('error', error => { if (error.code !== grpc.status.CANCELLED) reject(error); });
});

function errorInfo(error) {
  const [details] = error.metadata?.get('grpc-status-details-bin') ?? [];
  if (!details) return undefined;
  const status = rpcStatus.lookupType('google.rpc.Status').decode(details);
  const any = status.details.find(detail => detail.typeUrl.endsWith('/google.rpc.ErrorInfo'));
  return any && rpcStatus.lookupType('google.rpc.ErrorInfo').decode(any.value);
}

async function checkIn() {
  const served = await call(healthClient, 'Check', { service: 'onshi.device.v1.Cards' }, 5);
  console.log(`health: ${served.status}`);
  if (served.status !== 'SERVING') {
    console.error('the card service is not serving: run `onshi health` for what to do');
    return 3;
  }

  const reader = await waitForCard(60);
  console.log(`card on: ${reader}`);

  const card = await call(cards, 'IdentifyCard', { reader });
  console.log(`card type: ${card.cardType}`);
  if (card.cardType !== 'CARD_TYPE_MY_NUMBER') {
    console.error('this is not a My Number card');
    return 4;
  }

  // The eligibility check is keyed on the user-authentication certificate; reading it needs no PIN.
  const certificate = await call(cards, 'ReadCertificate', { reader, kind: 'CERTIFICATE_KIND_JPKI_AUTH' });
  const verified = await call(certificates, 'Verify', { der: certificate.der, purpose: 'CERTIFICATE_PURPOSE_JPKI_AUTHENTICATION' });
  console.log(`certificate: ${verified.valid ? 'valid' : 'NOT valid'}, revocation ${verified.revocation}`);

  // Ask for the PIN only after saying how many tries are left; the service refuses the last try unless allowed.
  const pin = await call(cards, 'GetPinStatus', { reader, pinKind: 'PIN_KIND_JPKI_AUTH_PIN' });
  console.log(`PIN tries left: ${pin.status.triesLeft} of ${pin.status.maxTries}`);
  const input = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  process.stderr.write('PIN (4 digits): ');
  const typed = (await input[Symbol.asyncIterator]().next()).value ?? '';
  input.close();

  // Prove the patient holds the card: the card signs a fresh challenge after checking the PIN, in one transaction.
  const challenge = createHash('sha256').update(randomBytes(32)).digest();
  const signed = await call(cards, 'Sign', { reader, key: 'KEY_KIND_JPKI_AUTH_KEY', pin: typed, sha256Digest: challenge, allowLastTry }, 20);
  console.log(`signed the challenge: ${signed.signature.length} bytes`);
  return verified.valid ? 0 : 5;
}

let exitCode;
try {
  exitCode = await checkIn();
} catch (error) {
  // The reason is what a program branches on; the message is for people.
  const info = errorInfo(error);
  const tries = info?.metadata?.tries_left !== undefined ? ` (tries left: ${info.metadata.tries_left})` : '';
  console.error(`error: ${info?.reason ?? grpc.status[error.code] ?? error.message}${tries}: ${error.details ?? error.message}`);
  exitCode = 2;
}
[readers, cards, certificates, healthClient].forEach(client => client.close());
process.exit(exitCode);
