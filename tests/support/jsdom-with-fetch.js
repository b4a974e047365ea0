/**
 * jsdom, plus Node's own fetch (and the AbortController it understands), so component tests can render the whole
 * pane over real HTTP to the tenant simulator instead of mocking our adapters.
 */
const { TestEnvironment } = require('jest-environment-jsdom');

class JsdomWithFetch extends TestEnvironment {
  async setup() {
    await super.setup();
    this.global.fetch = fetch;
    this.global.Request = Request;
    this.global.Response = Response;
    this.global.Headers = Headers;
    this.global.AbortController = AbortController;
    this.global.AbortSignal = AbortSignal;
    this.global.TextEncoder = TextEncoder;
    this.global.TextDecoder = TextDecoder;
    this.global.setImmediate = setImmediate;
  }
}

module.exports = JsdomWithFetch;
