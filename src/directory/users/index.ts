// What other features use of users: they import it from here, never from its files (lint holds this).
export { invitationService } from './invitation-service.ts'
export { changeOwnPassword, issueInvitation } from './service.ts'
