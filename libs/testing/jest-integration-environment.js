// The integration tests' environment: Node's, and it tells the test file whether the test that just
// ran failed (`testFailed()` of @cnscd/testing), so an afterEach hook can print what a failure needs
// to be understood — a browser page's text, the calls it made — and stay quiet when the test passed.
const { TestEnvironment } = require('jest-environment-node');

class IntegrationEnvironment extends TestEnvironment {
  handleTestEvent(event) {
    if (event.name === 'test_start') this.global.__cnscdTestFailed = false;
    if (event.name === 'test_fn_failure') this.global.__cnscdTestFailed = true;
  }
}

module.exports = IntegrationEnvironment;
