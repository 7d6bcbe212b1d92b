import { Type, type Static } from 'typebox'
import { Instant, Money, MoneyOut, Nullable, PageQuery, Uuid, named, Page } from '../../http/schemas.js'
import { checkoutFields } from '../payments/schemas.js'

const Name = Type.String({ minLength: 1, maxLength: 200 })
const Items = Type.Array(
  Type.Object(
    { service_id: Uuid, sessions: Type.Integer({ minimum: 1, maximum: 100, description: 'sessions (or seats) of the service it holds' }) },
    { additionalProperties: false },
  ),
  { minItems: 1, maxItems: 20 },
)
const ValidForDays = Type.Integer({ minimum: 1, maximum: 3650, description: 'how long the entitlements last from the payment' })

export const CreatePackageBody = Type.Object(
  { name: Name, items: Items, discount_percent: Type.Integer({ minimum: 0, maximum: 100 }), valid_for_days: ValidForDays },
  { additionalProperties: false },
)
export type CreatePackageBody = Static<typeof CreatePackageBody>

export const CreateBundleBody = Type.Object({ name: Name, items: Items, price: Money, valid_for_days: ValidForDays }, { additionalProperties: false })
export type CreateBundleBody = Static<typeof CreateBundleBody>

export const PackageOut = named(
  'Package',
  Type.Object({
    id: Uuid,
    practitioner_id: Uuid,
    kind: Type.Enum(['package', 'bundle']),
    name: Type.String(),
    items: Type.Array(
      Type.Object({ service_id: Uuid, title: Type.String(), type: Type.String(), sessions: Type.Integer(), unit_price: MoneyOut, on_sale: Type.Boolean() }),
    ),
    discount_percent: Nullable(Type.Integer()),
    list_price: MoneyOut,
    price: MoneyOut,
    saving: MoneyOut,
    valid_for_days: Type.Integer(),
    is_active: Type.Boolean(),
    created_at: Instant,
  }),
)
export const PackagePage = Page(PackageOut)
export const PackageListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false })

export const PurchaseOut = named('Purchase', Type.Object({ ...checkoutFields, reservation_id: Uuid }))

export const EntitlementOut = named(
  'Entitlement',
  Type.Object({
    id: Uuid,
    package_id: Uuid,
    service_id: Uuid,
    purchase_id: Uuid,
    sessions_total: Type.Integer(),
    sessions_used: Type.Integer(),
    sessions_left: Type.Integer(),
    expires_at: Instant,
    status: Type.Enum(['active', 'used_up', 'expired']),
    created_at: Instant,
  }),
)
export const EntitlementPage = Page(EntitlementOut)
export const EntitlementQuery = Type.Object({ ...PageQuery }, { additionalProperties: false })
