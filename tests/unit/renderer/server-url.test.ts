import { describe, expect, it } from 'vitest'
import { checkServerUrl, fixServerUrls } from '../../../src/renderer/src/core/server-url'

const NO_SCHEME = 'Enter the server’s full address, starting with http:// or https://'

describe('a server address as typed', () => {
  it('is used as typed when complete, without its trailing slash', () => {
    expect(checkServerUrl(' http://localhost:9101/ ')).toEqual({
      ok: true,
      url: 'http://localhost:9101',
    })
    expect(checkServerUrl('https://gpu.example/inference')).toEqual({
      ok: true,
      url: 'https://gpu.example/inference',
    })
  })

  it('without a scheme, says so in words and offers http:// for a local server', () => {
    expect(checkServerUrl('localhost:9101')).toEqual({
      ok: false,
      message: NO_SCHEME,
      fix: 'http://localhost:9101',
    })
    // A numeric address is a machine on the network: plain http, whatever the profile's kind.
    expect(checkServerUrl('192.168.1.20:9001', 'dedicated')).toMatchObject({
      ok: false,
      fix: 'http://192.168.1.20:9001',
    })
    // A remote deployment by name is served over TLS.
    expect(checkServerUrl('my-deploy.roboflow.cloud', 'dedicated')).toMatchObject({
      ok: false,
      fix: 'https://my-deploy.roboflow.cloud',
    })
  })

  it('offers no fix where adding a scheme would not make it right', () => {
    expect(checkServerUrl('ftp://files.example')).toEqual({
      ok: false,
      message: NO_SCHEME,
      fix: null,
    })
    expect(checkServerUrl('http:/localhost:9001')).toMatchObject({ ok: false, fix: null })
    expect(checkServerUrl('local host')).toMatchObject({ ok: false, fix: null })
    expect(checkServerUrl('gpu.example/?api_key=abc')).toEqual({
      ok: false,
      message: 'Put the API key in the key field, not in the URL',
      fix: null,
    })
    // Two addresses run together, or a port past 65535: no request could reach them.
    expect(checkServerUrl('http://localhost:9001http://127.0.0.1:4000')).toEqual({
      ok: false,
      message: 'Check the address: its host name or port is not valid',
      fix: null,
    })
    expect(checkServerUrl('localhost:90011')).toMatchObject({ ok: false, fix: null })
    expect(checkServerUrl('  ')).toEqual({
      ok: false,
      message: 'Enter the server’s address, e.g. http://localhost:9001',
      fix: null,
    })
  })

  it('fixes every address of a list that lacks its scheme, and names the one when alone', () => {
    expect(fixServerUrls('http://a:9001\nlocalhost:9101', 'local')).toEqual({
      text: 'http://a:9001\nhttp://localhost:9101',
      label: 'Use http://localhost:9101',
    })
    expect(fixServerUrls('a:1\nb:2', 'local')).toEqual({
      text: 'http://a:1\nhttp://b:2',
      label: 'Add the missing http(s):// to 2 addresses',
    })
    expect(fixServerUrls('http://a:9001', 'local')).toBeNull()
  })
})
