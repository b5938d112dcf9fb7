import { strict as assert } from 'assert';
import { parseNetworkSettings } from '../../src/extension/networkSettings';

const reader = (values: Record<string, unknown>) => (key: string) => values[key];

describe('extension/networkSettings', () => {
  it('unset: no proxy (the engine then reads the environment), strictSSL true', () => {
    assert.deepEqual(parseNetworkSettings(reader({})), { network: { strictSSL: true }, problems: [] });
    assert.deepEqual(parseNetworkSettings(reader({ proxy: '', noProxy: [] })).network, { strictSSL: true });
  });

  it('http.proxy, http.proxyStrictSSL false and http.noProxy reach the engine options', () => {
    const { network, problems } = parseNetworkSettings(reader({ proxy: ' http://corp:8080 ', proxyStrictSSL: false, noProxy: ['localhost', '.internal'] }));
    assert.deepEqual(network, { proxyUrl: 'http://corp:8080', strictSSL: false, noProxy: ['localhost', '.internal'] });
    assert.deepEqual(problems, []);
  });

  it('a proxy the engine cannot use is reported and ignored (never a crash at connect)', () => {
    const { network, problems } = parseNetworkSettings(reader({ proxy: 'socks5://127.0.0.1:1080' }));
    assert.equal(network.proxyUrl, undefined);
    assert.equal(problems.length, 1);
    assert.match(problems[0], /^http\.proxy: Proxy "socks5:\/\/127\.0\.0\.1:1080" .*only http:\/\/ and https:\/\/.*environment/);
  });

  it('wrong types are reported with the value and ignored', () => {
    const { network, problems } = parseNetworkSettings(reader({ proxy: 8080, proxyStrictSSL: 'no', noProxy: 'localhost' }));
    assert.deepEqual(network, { strictSSL: true });
    assert.equal(problems.length, 3);
    assert.match(problems[0], /^http\.proxy: 8080 is not a string/);
    assert.match(problems[1], /^http\.proxyStrictSSL: "no" is not true or false; using true/);
    assert.match(problems[2], /^http\.noProxy: "localhost" is not a list/);
  });
});
