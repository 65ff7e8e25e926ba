export { type UserInfo, userKey, wellKnown } from './user.js'
export { insecureSuperuser, withInsecureSuperuser, insecureSuperuserStep } from './insecure-superuser.js'
