import { mediaUrl } from '../media/views.js'
import type { Session, User } from './service.js'

export const userOut = (u: User) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  phone: u.phone,
  role: u.role,
  email_verified: u.emailVerifiedAt !== null,
  bio: u.bio,
  avatar_url: u.avatarUrl ?? (u.avatarMediaId ? mediaUrl(u.avatarMediaId) : null),
  avatar_media_id: u.avatarMediaId,
  timezone: u.timezone,
  location: u.location,
  preferences: u.preferences,
  created_at: u.createdAt.toISOString(),
})

export const sessionOut = (s: Session) => ({ access: s.access, refresh: s.refresh, user: userOut(s.user) })
