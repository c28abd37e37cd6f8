import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-session-id-header.js';
import { code } from '../helpers/rule-cases.js';

/**
 * Every rule gets `servesLegacyClients` from createRule: a finding in code explicitly gated to
 * 2025 clients is an `info` in the audit (settings legacyGated: 'report') and dropped by default
 * in ESLint. no-session-id-header stands in for all rules here.
 */
const report = { 'mcp-migrate': { legacyGated: 'report' } };
const gated = (gate: string) => ({ messageId: 'servesLegacyClients' as const, data: { message: rule.meta.messages.writesHeader, gate } });

const ruleTester = new RuleTester();

ruleTester.run('legacy gates (through no-session-id-header)', rule, {
  valid: [
    {
      name: 'gated findings are dropped when the settings do not ask for them (the editor default)',
      code: code`
        if (await isLegacyRequest(request)) res.setHeader('Mcp-Session-Id', id);
      `,
    },
  ],
  invalid: [
    {
      name: 'isLegacyRequest(), awaited and through a constant',
      settings: report,
      code: code`
        if (await isLegacyRequest(request)) res.setHeader('Mcp-Session-Id', id);
        const legacy = await isLegacyRequest(request);
        if (legacy) res.setHeader('Mcp-Session-Id', id);
      `,
      errors: [
        { ...gated('behind `await isLegacyRequest(request)`'), line: 1 },
        { ...gated('behind `legacy`'), line: 3 },
      ],
    },
    {
      name: 'the else branch of a modern check, and a ternary on the era',
      settings: report,
      code: code`
        if (isModernRequest(req)) serveModern(req);
        else res.setHeader('Mcp-Session-Id', id);
        const h = ctx.era === 'legacy' ? res.setHeader('Mcp-Session-Id', id) : undefined;
      `,
      errors: [
        { ...gated('in the else branch of `isModernRequest(req)`'), line: 2 },
        { ...gated("behind `ctx.era === 'legacy'`"), line: 3 },
      ],
    },
    {
      name: 'protocol-version checks select 2025 clients; the other branch stays an error',
      settings: report,
      code: code`
        if (protocolVersion < '2026-07-28') res.setHeader('Mcp-Session-Id', id);
        else res.setHeader('Mcp-Session-Id', id);
        if (version === '2025-11-25') res.setHeader('Mcp-Session-Id', id);
      `,
      errors: [
        { ...gated("behind `protocolVersion < '2026-07-28'`"), line: 1 },
        { messageId: 'writesHeader', line: 2 },
        { ...gated("behind `version === '2025-11-25'`"), line: 3 },
      ],
    },
    {
      name: 'a function called only from a legacy branch',
      settings: report,
      code: code`
        function legacyPost(req, res) {
          res.setHeader('Mcp-Session-Id', id);
        }
        app.post('/mcp', async (req, res) => ((await isLegacyRequest(req)) ? legacyPost(req, res) : modern(req, res)));
      `,
      errors: [{ ...gated('in `legacyPost`, which runs only behind `await isLegacyRequest(req)`'), line: 2 }],
    },
    {
      name: 'a variable used only behind the gate, through a function called only there',
      settings: report,
      code: code`
        const legacyHeaders = { 'Mcp-Session-Id': id };
        function legacyPost(res) {
          res.writeHead(200, legacyHeaders);
        }
        if (await isLegacyRequest(req)) legacyPost(res);
      `,
      errors: [
        {
          messageId: 'servesLegacyClients',
          data: { message: rule.meta.messages.writesHeader, gate: 'in `legacyHeaders`, which is used only in `legacyPost`, which runs only behind `await isLegacyRequest(req)`' },
          line: 1,
        },
      ],
    },
    {
      name: 'code after an early return for modern clients serves only 2025 clients',
      settings: report,
      code: code`
        async function start(app, config) {
          if (config.modern) {
            return startModern(app);
          }
          app.post('/mcp', (req, res) => res.setHeader('Mcp-Session-Id', id));
        }
        async function subscribe(uri) {
          if (this.isModernEra()) {
            await this.listen(uri);
            return;
          }
          res.setHeader('Mcp-Session-Id', id);
        }
        function legacyOnly(request) {
          if (isModernRequest(request)) throw new Error('use the modern handler');
          res.setHeader('Mcp-Session-Id', id);
        }
      `,
      errors: [
        { ...gated('after `if (config.modern) return`'), line: 5 },
        { ...gated('after `if (this.isModernEra()) return`'), line: 12 },
        { ...gated('after `if (isModernRequest(request)) throw`'), line: 16 },
      ],
    },
    {
      name: 'an early return that may fall through, has an else, leaves for 2025 clients, or turns away all but one 2025 version is no gate',
      settings: report,
      code: code`
        function a(config) {
          if (config.modern) {
            if (ready) return serveModern();
          }
          res.setHeader('Mcp-Session-Id', id);
        }
        function b(config) {
          if (config.modern) return serveModern();
          else warn();
          res.setHeader('Mcp-Session-Id', id);
        }
        function c(request) {
          if (await isLegacyRequest(request)) return serveLegacy();
          res.setHeader('Mcp-Session-Id', id);
        }
        function d(config) {
          res.setHeader('Mcp-Session-Id', id);
          if (config.modern) return serveModern();
        }
        function e(version) {
          if (version && version !== '2025-03-26') return reject(400, 'Unsupported protocol version');
          res.setHeader('Mcp-Session-Id', id);
        }
      `,
      errors: [
        { messageId: 'writesHeader', line: 5 },
        { messageId: 'writesHeader', line: 10 },
        { messageId: 'writesHeader', line: 14 },
        { messageId: 'writesHeader', line: 17 },
        { messageId: 'writesHeader', line: 22 },
      ],
    },
    {
      name: 'unrelated conditions and a function also called outside the gate are not gates',
      settings: report,
      code: code`
        if (theme === 'legacy') res.setHeader('Mcp-Session-Id', id);
        if (releaseDate === '2025-11-25') res.setHeader('Mcp-Session-Id', id);
        function both(res) {
          res.setHeader('Mcp-Session-Id', id);
        }
        if (await isLegacyRequest(req)) both(res);
        both(res);
      `,
      errors: [
        { messageId: 'writesHeader', line: 1 },
        { messageId: 'writesHeader', line: 2 },
        { messageId: 'writesHeader', line: 4 },
      ],
    },
  ],
});
