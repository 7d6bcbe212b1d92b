import type { App } from '../../app.js'
import { requireUser } from '../../http/auth-guard.js'
import { paginate } from '../../http/pagination.js'
import { IdParams, IdempotencyHeaders, errorResponses, optionalBearer } from '../../http/schemas.js'
import { CheckoutBody } from '../payments/schemas.js'
import { checkoutOut } from '../payments/views.js'
import type { PackageKind } from './schema.js'
import { CreateBundleBody, CreatePackageBody, EntitlementPage, EntitlementQuery, PackageListQuery, PackageOut, PackagePage, PurchaseOut } from './schemas.js'
import type { PackageService } from './service.js'
import { entitlementOut, packageOut } from './views.js'

export async function packageRoutes(app: App, { packages }: { packages: PackageService }) {
  const tags = ['packages']
  const purchaseRoute = (kind: PackageKind) => ({
    schema: {
      tags,
      operationId: kind === 'package' ? 'purchasePackage' : 'purchaseBundle',
      summary: `Buy a ${kind}: a hold paid by the same checkout as a reservation; the payment grants the entitlements`,
      params: IdParams,
      headers: IdempotencyHeaders,
      body: CheckoutBody,
      response: { 201: PurchaseOut, ...errorResponses },
      'x-body-optional': true,
    },
  })
  const listRoute = (kind: PackageKind) => ({
    schema: {
      tags,
      operationId: kind === 'package' ? 'listPackages' : 'listBundles',
      summary: `A practitioner's ${kind}s on sale, priced today`,
      security: optionalBearer,
      params: IdParams,
      querystring: PackageListQuery,
      response: { 200: PackagePage, ...errorResponses },
    },
  })

  app.post(
    '/practitioners/:id/packages',
    {
      schema: {
        tags,
        operationId: 'createPackage',
        summary: 'Define a package: sessions of services at a discount, valid for some days (the practitioner’s staff)',
        params: IdParams,
        body: CreatePackageBody,
        response: { 201: PackageOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(packageOut(await packages.create(requireUser(req), req.params.id, { kind: 'package', ...req.body }))),
  )

  app.get('/practitioners/:id/packages', listRoute('package'), async (req) =>
    paginate(req, (page) => packages.list(req.params.id, 'package', page, req.principal ?? undefined), packageOut),
  )

  app.post(
    '/practitioners/:id/bundles',
    {
      schema: {
        tags,
        operationId: 'createBundle',
        summary: 'Define a bundle: sessions of services at a fixed price (the practitioner’s staff)',
        params: IdParams,
        body: CreateBundleBody,
        response: { 201: PackageOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(packageOut(await packages.create(requireUser(req), req.params.id, { kind: 'bundle', ...req.body }))),
  )

  app.get('/practitioners/:id/bundles', listRoute('bundle'), async (req) =>
    paginate(req, (page) => packages.list(req.params.id, 'bundle', page, req.principal ?? undefined), packageOut),
  )

  // A purchase takes money, so Idempotency-Key is honoured as on checkout.
  app.post('/packages/:id/purchase', purchaseRoute('package'), async (req, reply) =>
    reply.idempotent(201, async () => purchaseOut(await packages.purchase(requireUser(req), 'package', req.params.id, req.body))),
  )

  app.post('/bundles/:id/purchase', purchaseRoute('bundle'), async (req, reply) =>
    reply.idempotent(201, async () => purchaseOut(await packages.purchase(requireUser(req), 'bundle', req.params.id, req.body))),
  )

  app.get(
    '/entitlements',
    {
      schema: {
        tags,
        operationId: 'listEntitlements',
        summary: 'My entitlements: the sessions my packages and bundles left me, and until when',
        querystring: EntitlementQuery,
        response: { 200: EntitlementPage, ...errorResponses },
      },
    },
    async (req) => paginate(req, (page) => packages.entitlements(requireUser(req), page), entitlementOut),
  )
}

const purchaseOut = ({ reservationId, checkout }: Awaited<ReturnType<PackageService['purchase']>>) => ({
  ...checkoutOut(checkout),
  reservation_id: reservationId,
})
