import { Type } from 'typebox'
import { Value } from 'typebox/value'
import { Nullable, Phone, Uuid, named } from '../../http/schemas.js'

export const Email = Type.String({ format: 'email', maxLength: 254 })
const PASSWORD_LENGTH = { minLength: 10, maxLength: 200 }
/** Registration's rule, also applied by the CLI (create-admin, set-password). */
export const Password = Type.String(PASSWORD_LENGTH)
const Name = Type.String({ minLength: 1, maxLength: 120 })

export const RegisterBody = Type.Object(
  { email: Email, password: Password, name: Name, phone: Type.Optional(Nullable(Phone)) },
  { additionalProperties: false },
)
export const LoginBody = Type.Object({ email: Email, password: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false })
export const RefreshBody = Type.Object({ refresh: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false })
/** An emailed token as the link carries it: 32 random bytes in base64url. */
const EmailToken = Type.String({ minLength: 1, maxLength: 200, description: 'the token from the emailed link' })

export const PasswordResetBody = Type.Object({ email: Email }, { additionalProperties: false })
export const PasswordResetConfirmBody = Type.Object({ token: EmailToken, password: Password }, { additionalProperties: false })
export const VerifyEmailBody = Type.Object({ token: EmailToken }, { additionalProperties: false })
/** Resending takes no fields; a bare POST is fine. */
export const ResendBody = Type.Object({}, { additionalProperties: false })

const Bio = Type.String({ maxLength: 2000 })
const AvatarUrl = Type.String({ format: 'uri', pattern: '^https://', maxLength: 2000, description: 'an https URL of an image' })
const Timezone = Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Europe/Lisbon' })
const Location = Type.String({ maxLength: 200, description: 'free text, e.g. "Lisbon, Portugal"' })
const Preferences = Type.Record(Type.String({ pattern: '^[A-Za-z0-9_.-]{1,64}$' }), Type.Unknown(), {
  maxProperties: 50,
  // A key outside the pattern would otherwise pass unchecked.
  additionalProperties: false,
  description: "the client's own settings: a JSON object of at most 4 KiB, nested at most 4 levels; replaced whole on PUT",
})

export const UpdateUserBody = Type.Object(
  {
    name: Type.Optional(Name),
    phone: Type.Optional(Nullable(Phone)),
    bio: Type.Optional(Nullable(Bio)),
    avatar_url: Type.Optional(Nullable(AvatarUrl)),
    avatar_media_id: Type.Optional(
      Nullable(Type.String({ format: 'uuid', description: 'an upload of mine with purpose avatar (POST /media); replaces avatar_url' })),
    ),
    timezone: Type.Optional(Nullable(Timezone)),
    location: Type.Optional(Nullable(Location)),
    preferences: Type.Optional(Preferences),
  },
  { additionalProperties: false, minProperties: 1 },
)

export const UserOut = named(
  'User',
  Type.Object({
    id: Uuid,
    email: Type.String(),
    name: Type.String(),
    phone: Nullable(Type.String()),
    role: Type.Union([Type.Literal('customer'), Type.Literal('admin')]),
    email_verified: Type.Boolean({ description: 'whether the owner has followed a link sent to the address' }),
    bio: Nullable(Type.String()),
    avatar_url: Nullable(Type.String({ description: 'the external image, or where the uploaded avatar is read (/api/v1/media/{id})' })),
    avatar_media_id: Nullable(Uuid),
    timezone: Nullable(Type.String()),
    location: Nullable(Type.String()),
    preferences: Type.Record(Type.String(), Type.Unknown()),
    created_at: Type.String(),
  }),
)

/** The answer of the account routes that start or finish something by email. */
export const NoticeOut = named('Notice', Type.Object({ message: Type.String({ description: 'what happened, for people' }) }))

export const SessionOut = named(
  'Session',
  Type.Object({ access: Type.String({ description: 'the access token (JWT)' }), refresh: Type.String({ description: 'the refresh token' }), user: UserOut }),
)

/** What is wrong with a password under registration's rule, or undefined. For callers outside HTTP validation. */
export function passwordProblem(password: string): string | undefined {
  if (Value.Check(Password, password)) return undefined
  return `the password needs ${PASSWORD_LENGTH.minLength} to ${PASSWORD_LENGTH.maxLength} characters`
}

/** What is wrong with an email address under registration's rule, or undefined. */
export function emailProblem(email: string): string | undefined {
  // Checked as unknown: the check is a type guard, and `email` is still wanted as text below.
  return Value.Check(Email, email as unknown) ? undefined : `"${email}" is not an email address`
}
