export { type UserInfo, userKey, wellKnown } from './user.js'
