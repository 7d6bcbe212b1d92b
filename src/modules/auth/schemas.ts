import { Type } from 'typebox'
import { Nullable, Phone, Uuid, named } from '../../http/schemas.js'

const Email = Type.String({ format: 'email', maxLength: 254 })
const Password = Type.String({ minLength: 10, maxLength: 200 })
const Name = Type.String({ minLength: 1, maxLength: 120 })

export const RegisterBody = Type.Object(
  { email: Email, password: Password, name: Name, phone: Type.Optional(Nullable(Phone)) },
  { additionalProperties: false },
)
export const LoginBody = Type.Object({ email: Email, password: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false })
export const RefreshBody = Type.Object({ refresh: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false })
export const UpdateUserBody = Type.Object(
  { name: Type.Optional(Name), phone: Type.Optional(Nullable(Phone)) },
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
    created_at: Type.String(),
  }),
)

export const SessionOut = named(
  'Session',
  Type.Object({ access: Type.String({ description: 'the access token (JWT)' }), refresh: Type.String({ description: 'the refresh token' }), user: UserOut }),
)
