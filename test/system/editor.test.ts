// The editor, as a commissioner meets it: yaml-language-server (the engine of VS Code's YAML
// extension and of many other editors) reads a charter through its `$schema` modeline, over
// stdio, as an editor drives it.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

const SERVER = join(ROOT, 'node_modules/yaml-language-server/bin/yaml-language-server');
const installed = existsSync(SERVER);
if (!installed) console.log('skipping the editor test: yaml-language-server is not installed (a devDependency: run npm ci)');

interface Message {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: unknown;
}

/** A minimal LSP client: Content-Length framed JSON-RPC over the server's stdin and stdout. */
class LspClient {
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly waiting = new Map<number, (result: unknown) => void>();
  private readonly listeners: ((message: Message) => void)[] = [];

  constructor(private readonly server: ChildProcessWithoutNullStreams) {
    server.stdout.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      for (;;) {
        const headerEnd = this.buffer.indexOf('\r\n\r\n');
        if (headerEnd < 0) return;
        const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())![1]);
        if (this.buffer.length < headerEnd + 4 + length) return;
        const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')) as Message;
        this.buffer = this.buffer.subarray(headerEnd + 4 + length);
        this.receive(message);
      }
    });
  }

  private receive(message: Message): void {
    if (message.id !== undefined && message.method === undefined) {
      this.waiting.get(message.id)?.(message.result);
      this.waiting.delete(message.id);
      return;
    }
    // Requests from the server (configuration, capability registration): answer so it goes on.
    if (message.id !== undefined && message.method) this.send({ id: message.id, result: message.method === 'workspace/configuration' ? [this.settings] : null });
    for (const listener of this.listeners) listener(message);
  }

  readonly settings = { validate: true, hover: true, completion: true, schemaStore: { enable: false } };

  private send(message: object): void {
    const body = JSON.stringify({ jsonrpc: '2.0', ...message });
    this.server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }

  request(method: string, params: object): Promise<unknown> {
    const id = this.nextId++;
    this.send({ id, method, params });
    return new Promise((resolve) => this.waiting.set(id, resolve));
  }

  notify(method: string, params: object): void {
    this.send({ method, params });
  }

  /** The next notification `method` that `accept` takes. */
  next(method: string, accept: (params: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
    return new Promise((resolve) => {
      this.listeners.push((message) => {
        if (message.method === method && accept(message.params ?? {})) resolve(message.params ?? {});
      });
    });
  }
}

interface Diagnostic {
  message: string;
  range: { start: { line: number; character: number } };
}

describe.skipIf(!installed)('the editor (yaml-language-server over the $schema modeline)', () => {
  let server: ChildProcessWithoutNullStreams;
  let client: LspClient;

  beforeAll(async () => {
    server = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT });
    client = new LspClient(server);
    await client.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(ROOT).href,
      capabilities: { textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] }, publishDiagnostics: {} }, workspace: { configuration: true } },
    });
    client.notify('initialized', {});
    client.notify('workspace/didChangeConfiguration', { settings: { yaml: client.settings } });
  });

  afterAll(() => server?.kill());

  // The strong example, with three mistakes a person makes: a typo'd key, a wrong type, a bad choice.
  const schema = pathToFileURL(join(ROOT, 'schemas/charter.schema.json')).href;
  const lines = readFileSync(join(ROOT, 'examples/community-elderly-care.yaml'), 'utf8')
    .replace(/^# yaml-language-server: .*$/m, `# yaml-language-server: $schema=${schema}`)
    .replace(/^status: approved$/m, 'status: agreed-in-principle')
    .replace(/^governance:$/m, 'goverance:')
    .replace('fte: 1,', 'fte: most of the week,')
    .split('\n');
  const lineOf = (pattern: RegExp) => lines.findIndex((line) => pattern.test(line));
  const uri = pathToFileURL(join(ROOT, 'test/fixtures/editor-charter.yaml')).href;

  it('reports a typo\'d key, a wrong type and a bad choice at their lines', async () => {
    const published = client.next('textDocument/publishDiagnostics', (params) => params['uri'] === uri && (params['diagnostics'] as unknown[]).length > 0);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: lines.join('\n') } });
    const diagnostics = (await published)['diagnostics'] as Diagnostic[];
    const at = (line: number) => diagnostics.filter((diagnostic) => diagnostic.range.start.line === line).map((diagnostic) => diagnostic.message).join(' | ');
    expect(at(lineOf(/^goverance:/))).toMatch(/goverance.*not allowed|not allowed.*goverance/i);
    expect(at(lineOf(/fte: most of the week/))).toMatch(/incorrect type|expected.*number/i);
    expect(at(lineOf(/^status: agreed-in-principle/))).toMatch(/value is not accepted|allowed values|enum/i);
  }, 30_000);

  it('shows a field\'s description on hover', async () => {
    const charterSchema = JSON.parse(readFileSync(join(ROOT, 'schemas/charter.schema.json'), 'utf8'));
    const line = lineOf(/^need:/) + 1; // statement: under need
    expect(lines[line]).toMatch(/^ {2}statement:/);
    const hover = (await client.request('textDocument/hover', { textDocument: { uri }, position: { line, character: 4 } })) as { contents: { value: string } | string } | null;
    const text = typeof hover?.contents === 'string' ? hover.contents : (hover?.contents.value ?? '');
    const description = charterSchema.properties.need.properties.statement.description as string;
    expect(text.replace(/\s+/g, ' ')).toContain(description.replace(/\s+/g, ' ').slice(0, 60));
  }, 30_000);
});
