import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { serveOptionsDefaults } from '../../../src/config/options/serve-options.js'
import { validateAuthentication, validateAuthorization } from '../../../src/config/options/validate-auth.js'

const authn = suite('validateAuthentication')
const a = serveOptionsDefaults.authentication

authn('the defaults are valid', () => {
  assert.equal(validateAuthentication(a), [])
})

authn('a blank header name or allowed name is upstream\'s "empty value in" problem, per flag', () => {
  assert.equal(validateAuthentication({ ...a, requestheaderUsernameHeaders: ['X-Remote-User', ' '], requestheaderUIDHeaders: [''] }), [
    { path: '--requestheader-username-headers', message: 'empty value in "requestheader-username-headers"' },
    { path: '--requestheader-uid-headers', message: 'empty value in "requestheader-uid-headers"' },
  ])
  assert.equal(
    validateAuthentication({ ...a, requestheaderExtraHeaderPrefixes: ['\t'], requestheaderGroupHeaders: [' '] }).map((p) => p.path),
    ['--requestheader-group-headers', '--requestheader-extra-headers-prefix'],
  )
})

authn('allowed names need the front-proxy CA', () => {
  assert.equal(validateAuthentication({ ...a, requestheaderAllowedNames: ['front-proxy'], requestheaderClientCAFile: 'ca.crt' }), [])
  assert.equal(validateAuthentication({ ...a, requestheaderAllowedNames: ['front-proxy'] }), [
    { path: '--requestheader-allowed-names', message: 'expected --requestheader-client-ca-file to be set too, got none' },
  ])
})

authn.run()

const authz = suite('validateAuthorization')

authz('RBAC alone, with or without a policy file, is valid; so is any order of the three modes', () => {
  assert.equal(validateAuthorization({ modes: ['RBAC'], policyFile: '' }), [])
  assert.equal(validateAuthorization({ modes: ['RBAC'], policyFile: 'rbac.yaml' }), [])
  assert.equal(validateAuthorization({ modes: ['AlwaysDeny', 'RBAC', 'AlwaysAllow'], policyFile: '' }), [])
})

authz("upstream's messages for no mode, unknown modes and repeated modes", () => {
  assert.equal(validateAuthorization({ modes: [], policyFile: '' }), [
    { path: '--authorization-mode', message: 'at least one authorization-mode must be passed' },
  ])
  assert.equal(validateAuthorization({ modes: ['RBAC', 'Webhook', 'RBAC'], policyFile: '' }), [
    { path: '--authorization-mode', message: 'authorization-mode "Webhook" is not a valid mode' },
    { path: '--authorization-mode', message: 'authorization-mode ["RBAC" "Webhook" "RBAC"] has mode specified more than once' },
  ])
})

authz('a policy file needs mode RBAC', () => {
  assert.equal(validateAuthorization({ modes: ['AlwaysAllow'], policyFile: 'rbac.yaml' }), [
    { path: '--authorization-policy-file', message: 'cannot specify --authorization-policy-file without mode RBAC' },
  ])
})

authz.run()
