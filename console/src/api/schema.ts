/* Generated from the API's OpenAPI document by `npm run console:api`; do not edit. */

export interface paths {
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with email and password (failed attempts are limited per account and per address) */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke a refresh token's family */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Email a password reset link (the answer is the same whether or not the address has an account) */
        post: operations["requestPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password/reset/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a new password with a reset link's token (signs the account out everywhere) */
        post: operations["confirmPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an account and sign in */
        post: operations["register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/token/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Trade a refresh token for new tokens (the old one is spent) */
        post: operations["refreshToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/user": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read the signed-in user */
        get: operations["getCurrentUser"];
        /** Change the signed-in user's profile: name, phone, bio, avatar, time zone, location, preferences */
        put: operations["updateCurrentUser"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/verify-email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Verify an email address with a verification link's token */
        post: operations["verifyEmail"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/verify-email/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Email the signed-in user a new verification link */
        post: operations["resendVerificationEmail"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bundles/{id}/purchase": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Buy a bundle: a hold paid by the same checkout as a reservation; the payment grants the entitlements */
        post: operations["purchaseBundle"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calendar-feeds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your calendar feeds that still work (without their URLs) */
        get: operations["listCalendarFeeds"];
        put?: never;
        /** Make a private iCalendar feed URL of your bookings, a room’s or a practitioner’s (the URL is shown once) */
        post: operations["createCalendarFeed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calendar-feeds/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a calendar feed: its URL answers 404 from now on */
        delete: operations["revokeCalendarFeed"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calendar-feeds/{token}.ics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A calendar feed (text/calendar) for Google, Apple or Outlook calendars to subscribe to */
        get: operations["getCalendarFeed"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's conversations, as a customer and as staff, the most recently active first */
        get: operations["listMyConversations"];
        put?: never;
        /** Open (or find) the conversation with a venue or practitioner, or, as staff, with a customer who booked */
        post: operations["openConversation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of the caller’s conversations, with its last message and their unread count */
        get: operations["getConversation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A conversation’s messages, newest first; `next` pages to older ones */
        get: operations["listConversationMessages"];
        put?: never;
        /** Send a message as the caller’s side of the conversation */
        post: operations["sendMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move the caller’s read marker (to the latest message by default) */
        post: operations["markConversationRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/credits/balance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's credit balance per currency (admins: any user's) */
        get: operations["getCreditBalance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/credits/grants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Give a user credit (admins) */
        post: operations["grantCredit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/credits/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's credit ledger (admins: any user's) */
        get: operations["listCreditHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/credits/purchase": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Buy credit with a card; it is granted when the verified webhook says the payment succeeded */
        post: operations["purchaseCredits"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/credits/purchases/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of my credit purchases, to follow its payment */
        get: operations["getCreditPurchase"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/entitlements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My entitlements: the sessions my packages and bundles left me, and until when */
        get: operations["listEntitlements"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process lives and reaches its database */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/media": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Upload a file (multipart: `file` and `purpose`); its type is read from its bytes and images lose their metadata */
        post: operations["uploadMedia"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/media/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read an upload’s bytes (who may read what it belongs to; others get 404) */
        get: operations["readMedia"];
        put?: never;
        post?: never;
        /** Delete an upload of mine that nothing uses (409 while a post, message or profile uses it) */
        delete: operations["deleteMedia"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/menu-items/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a menu item (staff) */
        delete: operations["deleteMenuItem"];
        options?: never;
        head?: never;
        /** Change a menu item (staff) */
        patch: operations["updateMenuItem"];
        trace?: never;
    };
    "/api/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's in-app inbox */
        get: operations["listMyNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark a message of the inbox as read */
        post: operations["markNotificationRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/occurrences/{id}/attendance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Mark whether a participant came to an occurrence */
        put: operations["markOccurrenceAttendance"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/occurrences/{id}/participants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who holds seats in an occurrence, and whether they came (the practitioner’s staff) */
        get: operations["listOccurrenceParticipants"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/packages/{id}/purchase": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Buy a package: a hold paid by the same checkout as a reservation; the payment grants the entitlements */
        post: operations["purchasePackage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Payments the caller may see: their own, their venues', or all (admins) */
        get: operations["listPayments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Stripe webhook (Stripe-Signature required) */
        post: operations["receiveStripeWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ping": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Answers at once, touching nothing */
        get: operations["ping"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/practitioner/analytics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The practitioner’s bookings, revenue, cancellations and earnings per local day, week or month (their staff) */
        get: operations["getPractitionerAnalytics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/practitioner/connect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create or resume the practitioner’s Stripe Connect Express account and get an onboarding link (owners, managers) */
        post: operations["connectPayoutAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/practitioner/earnings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The practitioner’s earnings and adjustments, newest first (their staff, admins) */
        get: operations["listEarnings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/practitioner/earnings/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Totals by status, the month’s volume, tier and rate, and the next payout’s estimate */
        get: operations["getEarningsSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/practitioner/payouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The practitioner’s payouts, newest first */
        get: operations["listPayouts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/practitioner/payouts/request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pay out everything available now (owners, managers) */
        post: operations["requestPayout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/practitioner/subscription": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The practitioner’s live subscription and its status as Stripe last reported it */
        get: operations["getPractitionerSubscription"];
        put?: never;
        /** Subscribe the practitioner to a plan (owners, managers); it is active once its first invoice is paid */
        post: operations["subscribePractitioner"];
        /** Cancel the practitioner’s subscription at Stripe (owners, managers); the webhook ends it here */
        delete: operations["cancelPractitionerSubscription"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/practitioner/transactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The ledger: earnings, adjustments and payouts, newest first */
        get: operations["listLedgerTransactions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/practitioners": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List verified practitioners (admins: by state; a venue’s staff: its own in any state) */
        get: operations["listPractitioners"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/practitioners/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a practitioner’s profile */
        get: operations["getPractitioner"];
        /** Change a practitioner’s profile (its owners and managers) */
        put: operations["updatePractitioner"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/practitioners/{id}/availability": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** When a 1:1 session of a service can start on a date */
        get: operations["getPractitionerAvailability"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/practitioners/{id}/bundles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A practitioner's bundles on sale, priced today */
        get: operations["listBundles"];
        put?: never;
        /** Define a bundle: sessions of services at a fixed price (the practitioner’s staff) */
        post: operations["createBundle"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/practitioners/{id}/featured": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Feature a practitioner in listings, or stop (admin) */
        put: operations["featurePractitioner"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/practitioners/{id}/packages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A practitioner's packages on sale, priced today */
        get: operations["listPackages"];
        put?: never;
        /** Define a package: sessions of services at a discount, valid for some days (the practitioner’s staff) */
        post: operations["createPackage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/practitioners/{id}/payouts-hold": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Hold or release a practitioner’s payouts (admins) */
        put: operations["holdPayouts"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/practitioners/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject a practitioner with a reason (admin) */
        post: operations["rejectPractitioner"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/practitioners/{id}/reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A practitioner’s reviews, newest first */
        get: operations["listPractitionerReviews"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/practitioners/{id}/schedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read the weekly schedule and its dated exceptions */
        get: operations["getPractitionerSchedule"];
        put?: never;
        /** Replace the weekly schedule and its dated exceptions */
        post: operations["setPractitionerSchedule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/practitioners/{id}/services": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A practitioner’s listed services */
        get: operations["listPractitionerServices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/practitioners/{id}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Verify a practitioner (admin): the profile becomes public and may publish services */
        post: operations["verifyPractitioner"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/practitioners/apply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Apply to sell on the marketplace (creates a pending profile and its venue) */
        post: operations["applyAsPractitioner"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pricing-rules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a pricing rule */
        delete: operations["deletePricingRule"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/quotes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Price items without booking them */
        post: operations["createQuote"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reservations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Reservations the caller may see, filtered */
        get: operations["listReservations"];
        put?: never;
        /** Hold one or more items (slots, stays) as one reservation */
        post: operations["createReservation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reservations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a reservation, with its payment and what cancelling now would refund */
        get: operations["getReservation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reservations/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** → cancelled, refunding what the policy allows */
        post: operations["cancelReservation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reservations/{id}/check-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** → checked_in (staff) */
        post: operations["checkInReservation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reservations/{id}/checkout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pay for a held reservation (credits first, then the card) */
        post: operations["checkoutReservation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reservations/{id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** → completed (staff) */
        post: operations["completeReservation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reservations/{id}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** → confirmed (staff) */
        post: operations["confirmReservation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reservations/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit trail: every transition with who, when, from, to and why */
        get: operations["getReservationHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reservations/{id}/no-show": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** → no_show (staff); the policy decides what is kept */
        post: operations["markReservationNoShow"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reservations/{id}/payment-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every gateway event and answer about the reservation’s payment, raw (staff, admins) */
        get: operations["getReservationPaymentLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reservations/{id}/refund": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Refund up to what is left (staff) */
        post: operations["refundReservation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reservations/{id}/reschedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move an item to a new time or new dates */
        post: operations["rescheduleReservation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reservations/{id}/video": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A token to join the booking’s video room, from 15 minutes before the start until the end (its customer, the practitioner’s staff) */
        get: operations["joinReservationVideo"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reservations/{id}/video/recording": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recordings of the booking’s video rooms with their files’ locations, newest first (the practitioner’s staff) */
        get: operations["listReservationRecordings"];
        put?: never;
        /** Start recording the booking’s open video room (the practitioner’s staff) */
        post: operations["startReservationRecording"];
        /** Stop the recording running in the booking’s video room (the practitioner’s staff) */
        delete: operations["stopReservationRecording"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reservations/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's past reservations */
        get: operations["listPastReservations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reservations/upcoming": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's reservations still to come */
        get: operations["listUpcomingReservations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Review a completed booking (its customer, once) */
        post: operations["createReview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reviews/{id}/hide": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Hide a review from the list and the averages (admin) */
        post: operations["hideReview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reviews/{id}/reply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Answer a review (the practitioner’s staff, once) */
        post: operations["replyToReview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/room-types/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a room type */
        get: operations["getRoomType"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a room type */
        patch: operations["updateRoomType"];
        trace?: never;
    };
    "/api/v1/room-types/{id}/inventory": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a room type's units, closures or minimum stay over a range of nights */
        patch: operations["editInventory"];
        trace?: never;
    };
    "/api/v1/room-types/{id}/rate-plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a room type's rate plans, the default first */
        get: operations["listRatePlans"];
        put?: never;
        /** Add a rate plan to a room type */
        post: operations["createRatePlan"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rooms/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a room */
        get: operations["getRoom"];
        put?: never;
        post?: never;
        /** Archive a room (it keeps its past reservations) */
        delete: operations["archiveRoom"];
        options?: never;
        head?: never;
        /** Change a room */
        patch: operations["updateRoom"];
        trace?: never;
    };
    "/api/v1/services": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Discover services */
        get: operations["listServices"];
        put?: never;
        /** Publish a service (a verified practitioner’s staff) */
        post: operations["createService"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/services/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a service */
        get: operations["getService"];
        /** Change a service */
        put: operations["updateService"];
        post?: never;
        /** Archive a service (no longer sold; bookings keep it) */
        delete: operations["archiveService"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/services/{id}/schedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A service’s occurrences with their seats */
        get: operations["listServiceOccurrences"];
        put?: never;
        /** Schedule occurrences of a workshop, or all sessions of a course */
        post: operations["scheduleServiceOccurrences"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/services/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Categories of listed services, with how many each has */
        get: operations["listServiceCategories"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stays/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Hotels with rooms for the dates and guests, priced */
        get: operations["searchStays"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The feed: posts I may read, newest first; one practitioner’s, or the ones I saved */
        get: operations["listPosts"];
        put?: never;
        /** Publish a post in a verified practitioner’s stream (their staff) */
        post: operations["createPost"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a post (customers-only posts: the practitioner’s customers and staff; others get 404) */
        get: operations["getPost"];
        /** Change a post (the practitioner’s staff); media_ids replaces its uploads */
        put: operations["updatePost"];
        post?: never;
        /** Delete a post with its likes, saves and comments (the practitioner’s staff) */
        delete: operations["deletePost"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{id}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A post’s comments, oldest first */
        get: operations["listPostComments"];
        put?: never;
        /** Comment on a post I may read; the practitioner is told in their inbox */
        post: operations["commentOnPost"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{id}/comments/{comment_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a comment (its author, or the practitioner’s staff moderating) */
        delete: operations["deletePostComment"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{id}/like": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Like a post (idempotent: liking twice is one like) */
        put: operations["likePost"];
        post?: never;
        /** Take back my like (idempotent) */
        delete: operations["unlikePost"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{id}/save": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Save a post to my saved feed (idempotent) */
        put: operations["savePost"];
        post?: never;
        /** Take a post out of my saved feed (idempotent) */
        delete: operations["unsavePost"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/subscription-plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The plans practitioners can subscribe to */
        get: operations["listSubscriptionPlans"];
        put?: never;
        /** Define a platform plan for practitioners (admins): a recurring price at Stripe */
        post: operations["createSubscriptionPlan"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/venues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List venues */
        get: operations["listVenues"];
        put?: never;
        /** Create a venue (admins) */
        post: operations["createVenue"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/venues/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a venue */
        get: operations["getVenue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a venue (owners and managers) */
        patch: operations["updateVenue"];
        trace?: never;
    };
    "/api/v1/venues/{id}/analytics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Bookings, revenue and cancellations per local day, week or month (staff) */
        get: operations["getVenueAnalytics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/venues/{id}/arrivals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stays arriving on a date (staff) */
        get: operations["listArrivals"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/venues/{id}/availability": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Free intervals per room for the business day that opens on `date` */
        get: operations["getVenueAvailability"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/venues/{id}/closures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a venue's closures */
        get: operations["listVenueClosures"];
        put?: never;
        /** Close a venue on a date */
        post: operations["addVenueClosure"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/venues/{id}/departures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stays leaving on a date (staff) */
        get: operations["listDepartures"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/venues/{id}/hours": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Replace a venue's weekly opening hours */
        put: operations["setVenueHours"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/venues/{id}/info": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a venue's business info */
        get: operations["getVenueInfo"];
        /** Replace a venue's business info (staff) */
        put: operations["setVenueInfo"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/venues/{id}/inventory": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A hotel's inventory calendar over a range of nights */
        get: operations["getInventory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/venues/{id}/inventory/preload": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Fill a hotel's inventory calendar for a range of nights */
        post: operations["preloadInventory"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/venues/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a venue's staff */
        get: operations["listVenueMembers"];
        put?: never;
        /** Give a user a staff role at a venue */
        post: operations["addVenueMember"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/venues/{id}/members/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a member (owners: anyone but the last owner; managers: staff) */
        delete: operations["removeVenueMember"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/venues/{id}/menu": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a venue's menu */
        get: operations["listMenuItems"];
        put?: never;
        /** Add an item to a venue's menu (staff) */
        post: operations["createMenuItem"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/venues/{id}/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The venue's message log (staff) */
        get: operations["listVenueNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/venues/{id}/pricing-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a venue's pricing rules */
        get: operations["listPricingRules"];
        put?: never;
        /** Add a pricing rule to a venue */
        post: operations["createPricingRule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/venues/{id}/reports/occupancy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Occupancy, ADR and RevPAR over a range of nights */
        get: operations["getOccupancyReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/venues/{id}/room-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a hotel's room types */
        get: operations["listRoomTypes"];
        put?: never;
        /** Add a room type to a hotel */
        post: operations["createRoomType"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/venues/{id}/rooms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a venue's rooms */
        get: operations["listVenueRooms"];
        put?: never;
        /** Add a room to a venue */
        post: operations["createVenueRoom"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/venues/{id}/waitlist": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A venue's walk-in queue (staff) */
        get: operations["listWaitlist"];
        put?: never;
        /** Join a venue's walk-in queue */
        post: operations["joinWaitlist"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/venues/{id}/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A venue's webhook subscriptions */
        get: operations["listWebhooks"];
        put?: never;
        /** Subscribe a URL to a venue's events (answers the signing secret once) */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/venues/mine": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The venues where the caller is staff, with their role at each */
        get: operations["listMyVenues"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/video/webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** LiveKit webhook (signed: Authorization is a JWT over the body’s sha256) */
        post: operations["receiveLiveKitWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/waitlist/{id}/notify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** → notified (texts the party) */
        post: operations["notifyWaitlistParty"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/waitlist/{id}/remove": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** → left | no_show */
        post: operations["removeWaitlistParty"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/waitlist/{id}/seat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** → seated (optionally into a room, as a checked-in reservation) */
        post: operations["seatWaitlistParty"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/waitlist/status/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A party's place in the queue, by its status link */
        get: operations["getWaitlistStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhook-deliveries/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a delivery again now */
        post: operations["retryWebhookDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a webhook subscription */
        get: operations["getWebhook"];
        put?: never;
        post?: never;
        /** Remove a subscription */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        /** Change a subscription (re-enabling one resets its failures) */
        patch: operations["updateWebhook"];
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A subscription's delivery log */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace the signing secret (answers the new one once) */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ws/booking-updates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's own bookings as they change (confirmed, cancelled, expired, refunded, rescheduled, video room open), live */
        get: operations["streamMyBookingUpdates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ws/chat/{conversation_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** New messages of a conversation, live (its participants only; send over HTTP) */
        get: operations["streamConversation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ws/inventory": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Live inventory feed of a venue (its staff only) */
        get: operations["streamVenueInventory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ws/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's own in-app notifications, live */
        get: operations["streamMyNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ws/reservations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Live reservations feed of a venue (its staff only) */
        get: operations["streamVenueReservations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AnalyticsPeriod: {
            bookings: number;
            cancellations: number;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            end: string;
            /** @description the local date the period starts on */
            period: string;
            revenue: components["schemas"]["Money"];
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            start: string;
        };
        AnalyticsPeriodPage: {
            count: number;
            next: string | null;
            previous: string | null;
            results: components["schemas"]["AnalyticsPeriod"][];
        };
        Attendee: {
            attended: boolean | null;
            email: string | null;
            /** Format: uuid */
            id: string;
            name: string | null;
            /** Format: uuid */
            reservation_id: string;
            user_id: string | null;
        };
        Availability: {
            /**
             * Format: date
             * @description YYYY-MM-DD
             */
            date: string;
            rooms: {
                capacity: number;
                free: {
                    /**
                     * Format: date-time
                     * @description RFC 3339 with offset
                     */
                    end: string;
                    /**
                     * Format: date-time
                     * @description RFC 3339 with offset
                     */
                    start: string;
                }[];
                name: string;
                /** Format: uuid */
                room_id: string;
                slot_minutes: number;
            }[];
            timezone: string;
        };
        CalendarFeed: {
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            created_at: string;
            /** Format: uuid */
            id: string;
            /**
             * @description customer: your own bookings; room: a room you staff; practitioner: a practitioner you work for
             * @enum {unknown}
             */
            kind: "customer" | "room" | "practitioner";
            /**
             * Format: uuid
             * @description whose bookings it lists: your user id, the room, the practitioner
             */
            subject_id: string;
        };
        CalendarFeedPage: {
            count: number;
            next: string | null;
            previous: string | null;
            results: components["schemas"]["CalendarFeed"][];
        };
        CancellationPolicy: {
            no_show_percent: number;
            tiers: {
                /** @description the tier applies until this long before the start; whole days count in the venue's calendar */
                hours_before: number;
                refund_percent: number;
            }[];
        };
        Checkout: {
            amount: components["schemas"]["Money"];
            client_secret: string | null;
            credits_applied: components["schemas"]["Money"];
            /** Format: uuid */
            payment_id: string;
            payment_intent_id: string | null;
            reservation_status: string;
            /** @enum {unknown} */
            status: "pending" | "succeeded" | "failed" | "canceled" | "refunded" | "partially_refunded";
        };
        Closure: {
            /**
             * Format: date
             * @description YYYY-MM-DD
             */
            date: string;
            /** Format: uuid */
            id: string;
            reason: string | null;
            /** Format: uuid */
            venue_id: string;
        };
        ClosurePage: {
            count: number;
            next: string | null;
            previous: string | null;
            results: components["schemas"]["Closure"][];
        };
        ConnectOnboarding: {
            account_id: string;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            expires_at: string;
            onboarding_url: string;
            payouts_enabled: boolean;
        };
        Conversation: {
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            created_at: string;
            customer: {
                /** Format: uuid */
                id: string;
                name: string;
            };
            /** Format: uuid */
            id: string;
            last_message: components["schemas"]["Message"] | null;
            my_side: "customer" | "venue";
            /** @description messages of the other side after my read marker */
            unread_count: number;
            venue: {
                /** Format: uuid */
                id: string;
                kind: string;
                name: string;
            };
        };
        ConversationPage: {
            count: number;
            next: string | null;
            previous: string | null;
            results: components["schemas"]["Conversation"][];
        };
        CreatedCalendarFeed: {
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            created_at: string;
            /** Format: uuid */
            id: string;
            /**
             * @description customer: your own bookings; room: a room you staff; practitioner: a practitioner you work for
             * @enum {unknown}
             */
            kind: "customer" | "room" | "practitioner";
            /**
             * Format: uuid
             * @description whose bookings it lists: your user id, the room, the practitioner
             */
            subject_id: string;
            /** @description the private feed URL, shown this once: subscribe to it from a calendar app */
            url: string;
            /** @description the same URL with webcal://, which Apple Calendar and Outlook open as a subscription */
            webcal_url: string;
        };
        CreditBalances: {
            balances: {
                /** @description minor units */
                amount: number;
                currency: string;
            }[];
        };
        CreditEntry: {
            amount: components["schemas"]["Money"];
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            created_at: string;
            grant_id: string | null;
            id: number;
            /**
             * @description spend and expiry entries have negative amounts
             * @enum {unknown}
             */
            kind: "purchase" | "refund" | "promotion" | "spend" | "restore" | "expiry";
            payment_id: string | null;
            reservation_id: string | null;
        };
        CreditEntryPage: {
            count: number;
            next: string | null;
            previous: string | null;
            results: components["schemas"]["CreditEntry"][];
        };
        CreditGrant: {
            amount: components["schemas"]["Money"];
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            created_at: string;
            expires_at: string | null;
            /** Format: uuid */
            id: string;
            /** @enum {unknown} */
            kind: "purchase" | "refund" | "promotion";
            note: string | null;
            used: components["schemas"]["Money"];
            /** Format: uuid */
            user_id: string;
        };
        CreditPurchase: {
            amount: components["schemas"]["Money"];
            client_secret: string | null;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            created_at: string;
            failure_code: string | null;
            grant_id: string | null;
            /** Format: uuid */
            id: string;
            payment_intent_id: string | null;
            /** @enum {unknown} */
            status: "pending" | "succeeded" | "failed" | "canceled";
        };
        Earning: {
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            available_at: string;
            card: components["schemas"]["Money"];
            commission: components["schemas"]["Money"];
            commission_rate_percent: number;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            created_at: string;
            credits: components["schemas"]["Money"];
            gross: components["schemas"]["Money"];
            /** Format: uuid */
            id: string;
            /** @enum {unknown} */
            kind: "earning" | "adjustment";
            /** @description YYYY-MM in the practitioner’s zone */
            month: string;
            net: components["schemas"]["Money"];
            package_value: components["schemas"]["Money"];
            payout_id: string | null;
            refund_id: string | null;
            /** Format: uuid */
            reservation_id: string;
            /** @enum {unknown} */
            status: "pending" | "available" | "paid";
        };
        EarningPage: {
            count: number;
            next: string | null;
            previous: string | null;
            results: components["schemas"]["Earning"][];
        };
        EarningsSummary: {
            available: components["schemas"]["Money"];
            /** @description what the next completed booking this month is charged */
            commission_rate_percent: number;
            currency: string;
            month: string;
            month_volume: components["schemas"]["Money"];
            next_payout: {
                /**
                 * Format: date-time
                 * @description RFC 3339 with offset
                 */
                at: string;
                estimate: components["schemas"]["Money"];
            };
            paid: components["schemas"]["Money"];
            payout_minimum: components["schemas"]["Money"];
            payouts_enabled: boolean;
            payouts_held: boolean;
            pending: components["schemas"]["Money"];
            /** Format: uuid */
            practitioner_id: string;
            /** @description 0: standard, 1 and 2: past the first and second threshold */
            tier: number;
        };
        Entitlement: {
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            created_at: string;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            expires_at: string;
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            package_id: string;
            /** Format: uuid */
            purchase_id: string;
            /** Format: uuid */
            service_id: string;
            sessions_left: number;
            sessions_total: number;
            sessions_used: number;
            /** @enum {unknown} */
            status: "active" | "used_up" | "expired";
        };
        EntitlementPage: {
            count: number;
            next: string | null;
            previous: string | null;
            results: components["schemas"]["Entitlement"][];
        };
        Error: {
            /** @description a stable machine code, e.g. slot_taken */
            code: string;
            detail: unknown;
            /** @description what went wrong, for people */
            error: string;
            /** @description on 5xx answers, to find the log lines */
            request_id?: string;
        };
        Guest: {
            /** Format: email */
            email?: string;
            name: string;
            phone?: string;
        };
        InboxMessage: {
            body: string;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            created_at: string;
            data: {
                [key: string]: unknown;
            };
            /** Format: uuid */
            id: string;
            read_at: string | null;
            subject: string | null;
            subject_id: string | null;
            template: string;
            venue_id: string | null;
        };
        InboxMessagePage: {
            count: number;
            next: string | null;
            previous: string | null;
            results: components["schemas"]["InboxMessage"][];
        };
        InventoryGrid: {
            /**
             * Format: date
             * @description YYYY-MM-DD
             */
            from: string;
            room_types: {
                name: string;
                nights: {
                    available: number;
                    closed: boolean;
                    held: number;
                    min_stay: number;
                    /**
                     * Format: date
                     * @description YYYY-MM-DD
                     */
                    night: string;
                    price: components["schemas"]["Money"];
                    rule: string;
                    sold: number;
                    units: number;
                }[];
                rate_plan_id: string | null;
                /** Format: uuid */
                room_type_id: string;
            }[];
            /**
             * Format: date
             * @description YYYY-MM-DD
             */
            to: string;
            /** Format: uuid */
            venue_id: string;
        };
        InventoryPreload: {
            created: number;
            /**
             * Format: date
             * @description YYYY-MM-DD
             */
            from: string;
            room_types: number;
            /**
             * Format: date
             * @description YYYY-MM-DD
             */
            to: string;
        };
        LedgerTransaction: {
            amount: components["schemas"]["Money"];
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            created_at: string;
            /** Format: uuid */
            id: string;
            /** @enum {unknown} */
            kind: "earning" | "adjustment" | "payout";
            payout_id: string | null;
            reservation_id: string | null;
            status: string;
        };
        LedgerTransactionPage: {
            count: number;
            next: string | null;
            previous: string | null;
            results: components["schemas"]["LedgerTransaction"][];
        };
        Media: {
            /** @description as stored: images are re-encoded without their metadata */
            byte_size: number;
            /**
             * @description read from the bytes
             * @example image/jpeg
             * @example image/png
             * @example image/webp
             * @example application/pdf
             */
            content_type: string;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            created_at: string;
            height: number | null;
            /** Format: uuid */
            id: string;
            /** @description what the upload is for; it decides who may read it: avatar (anyone), post (who may read the post), message (the conversation’s participants) */
            purpose: "avatar" | "post" | "message";
            /** @description where the bytes are read, for whoever may read what the upload belongs to */
            url: string;
            width: number | null;
        };
        Member: {
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            created_at: string;
            email: string;
            name: string;
            role: "owner" | "manager" | "staff";
            /** Format: uuid */
            user_id: string;
            /** Format: uuid */
            venue_id: string;
        };
        MemberPage: {
            count: number;
            next: string | null;
            previous: string | null;
            results: components["schemas"]["Member"][];
        };
        MenuItem: {
            available: boolean;
            category: string;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            created_at: string;
            description: string | null;
            /** Format: uuid */
            id: string;
            name: string;
            position: number;
            price: components["schemas"]["Money"];
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            updated_at: string;
            /** Format: uuid */
            venue_id: string;
        };
        MenuItemPage: {
            count: number;
            next: string | null;
            previous: string | null;
            results: components["schemas"]["MenuItem"][];
        };
        Message: {
            /** Format: uuid */
            conversation_id: string;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            created_at: string;
            /** Format: uuid */
            id: string;
            media_ids: string[];
            /** Format: uuid */
            sender_id: string;
            sender_side: "customer" | "venue";
            text: string;
        };
        MessagePage: {
            count: number;
            next: string | null;
            previous: string | null;
            results: components["schemas"]["Message"][];
        };
        Money: {
            /** @description minor units */
            amount: number;
            /** @description ISO 4217 */
            currency: string;
        };
        MoneyInput: {
            /** @description minor units */
            amount: number;
            currency: string;
        };
        Notice: {
            /** @description what happened, for people */
            message: string;
        };
        NotificationLogEntry: {
            attempts: number;
            body: string;
            channel: string;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            created_at: string;
            /** Format: uuid */
            id: string;
            last_error: string | null;
            next_attempt_at: string | null;
            provider_id: string | null;
            read_at: string | null;
            recipient: string;
            sent_at: string | null;
            status: string;
            subject: string | null;
            subject_id: string | null;
            template: string;
            user_id: string | null;
        };
        NotificationLogEntryPage: {
            count: number;
            next: string | null;
            previous: string | null;
            results: components["schemas"]["NotificationLogEntry"][];
        };
        OccupancyReport: {
            adr: components["schemas"]["Money"];
            /** @description units of nights not closed */
            available_room_nights: number;
            currency: string;
            /**
             * Format: date
             * @description YYYY-MM-DD
             */
            from: string;
            nights: {
                adr: number;
                available: number;
                /**
                 * Format: date
                 * @description YYYY-MM-DD
                 */
                night: string;
                occupancy: number;
                revenue: number;
                revpar: number;
                sold: number;
            }[];
            /** @description sold / available, 0..1 */
            occupancy: number;
            revpar: components["schemas"]["Money"];
            room_revenue: components["schemas"]["Money"];
            sold_room_nights: number;
            /**
             * Format: date
             * @description YYYY-MM-DD
             */
            to: string;
            /** Format: uuid */
            venue_id: string;
        };
        Occurrence: {
            available: number;
            capacity: number;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            end: string;
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            service_id: string;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            start: string;
            taken: number;
        };
        OccurrenceInput: {
            /** @description defaults to max_participants */
            capacity?: number;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            end: string;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            start: string;
        };
        OccurrencePage: {
            count: number;
            next: string | null;
            previous: string | null;
            results: components["schemas"]["Occurrence"][];
        };
        OpeningRange: {
            /** @description HH:MM, venue-local */
            close: string;
            /** @description HH:MM, venue-local */
            open: string;
            /** @description ISO weekday, Monday = 1 */
            weekday: number;
        };
        Package: {
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            created_at: string;
            discount_percent: number | null;
            /** Format: uuid */
            id: string;
            is_active: boolean;
            items: {
                on_sale: boolean;
                /** Format: uuid */
                service_id: string;
                sessions: number;
                title: string;
                type: string;
                unit_price: components["schemas"]["Money"];
            }[];
            /** @enum {unknown} */
            kind: "package" | "bundle";
            list_price: components["schemas"]["Money"];
            name: string;
            /** Format: uuid */
            practitioner_id: string;
            price: components["schemas"]["Money"];
            saving: components["schemas"]["Money"];
            valid_for_days: number;
        };
        PackageItem: {
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            end: string;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "package";
            /** Format: uuid */
            package_id: string;
            price: components["schemas"]["Money"];
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            start: string;
        };
        PackagePage: {
            count: number;
            next: string | null;
            previous: string | null;
            results: components["schemas"]["Package"][];
        };
        Payment: {
            amount: components["schemas"]["Money"];
            captured: components["schemas"]["Money"];
            card: {
                brand: string | null;
                exp_month: number | null;
                exp_year: number | null;
                last4: string | null;
            } | null;
            charge_id: string | null;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            created_at: string;
            credits: components["schemas"]["Money"];
            customer_id: string | null;
            failure: {
                code: string | null;
                message: string | null;
            } | null;
            gateway: string;
            /** Format: uuid */
            id: string;
            method: ("card" | "paypal" | "apple_pay" | "google_pay" | "credits") | null;
            payment_intent_id: string | null;
            receipt_url: string | null;
            refundable: components["schemas"]["Money"];
            refunded: components["schemas"]["Money"];
            refunds: components["schemas"]["Refund"][];
            /** Format: uuid */
            reservation_id: string;
            /** @enum {unknown} */
            status: "pending" | "succeeded" | "failed" | "canceled" | "refunded" | "partially_refunded";
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            updated_at: string;
            user_id: string | null;
            /** Format: uuid */
            venue_id: string;
        };
        PaymentLogEntry: {
            code: string | null;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            created_at: string;
            id: number;
            /** @enum {unknown} */
            kind: "intent_created" | "intent_succeeded" | "intent_failed" | "charge_created" | "refund_created" | "webhook_received" | "error";
            payment_id: string | null;
            /** @description the gateway event or answer, as received */
            raw: unknown;
        };
        PaymentLogEntryPage: {
            count: number;
            next: string | null;
            previous: string | null;
            results: components["schemas"]["PaymentLogEntry"][];
        };
        PaymentPage: {
            count: number;
            next: string | null;
            previous: string | null;
            results: components["schemas"]["Payment"][];
        };
        Payout: {
            amount: components["schemas"]["Money"];
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            created_at: string;
            earnings: number;
            failure: {
                code: string | null;
                message: string | null;
            } | null;
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            practitioner_id: string;
            /** @enum {unknown} */
            status: "pending" | "paid" | "failed";
            transfer_id: string | null;
            /** @enum {unknown} */
            trigger: "request" | "weekly";
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            updated_at: string;
        };
        PayoutHold: {
            held: boolean;
            held_at: string | null;
            /** Format: uuid */
            practitioner_id: string;
            reason: string | null;
        };
        PayoutPage: {
            count: number;
            next: string | null;
            previous: string | null;
            results: components["schemas"]["Payout"][];
        };
        Post: {
            /** Format: uuid */
            author_id: string;
            body: string;
            comment_count: number;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            created_at: string;
            /** Format: uuid */
            id: string;
            like_count: number;
            liked_by_me: boolean;
            media_ids: string[];
            /** @description where each upload is read, in order */
            media_urls: string[];
            /** Format: uuid */
            practitioner_id: string;
            save_count: number;
            saved_by_me: boolean;
            title: string;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            updated_at: string;
            /** @description public: anyone; customers: people with a confirmed, checked-in or completed booking with the practitioner, and their staff */
            visibility: "public" | "customers";
        };
        PostComment: {
            body: string;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            created_at: string;
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            post_id: string;
            /** Format: uuid */
            user_id: string;
        };
        PostCommentPage: {
            count: number;
            next: string | null;
            previous: string | null;
            results: components["schemas"]["PostComment"][];
        };
        PostPage: {
            count: number;
            next: string | null;
            previous: string | null;
            results: components["schemas"]["Post"][];
        };
        Practitioner: {
            bio: string;
            certifications: string[];
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            created_at: string;
            currency: string;
            display_name: string;
            /** Format: uuid */
            id: string;
            is_featured: boolean;
            locations: components["schemas"]["PractitionerLocation"][];
            rating: number | null;
            rejection_reason: string | null;
            review_count: number;
            specializations: string[];
            timezone: string;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            updated_at: string;
            /** Format: uuid */
            user_id: string;
            /** Format: uuid */
            venue_id: string;
            verification_status: "pending" | "verified" | "rejected";
            verified_at: string | null;
        };
        PractitionerAnalyticsPeriod: {
            bookings: number;
            cancellations: number;
            earnings: {
                commission: components["schemas"]["Money"];
                gross: components["schemas"]["Money"];
                net: components["schemas"]["Money"];
            };
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            end: string;
            /** @description the local date the period starts on */
            period: string;
            revenue: components["schemas"]["Money"];
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            start: string;
        };
        PractitionerAnalyticsPeriodPage: {
            count: number;
            next: string | null;
            previous: string | null;
            results: components["schemas"]["PractitionerAnalyticsPeriod"][];
        };
        PractitionerAvailability: {
            /**
             * Format: date
             * @description YYYY-MM-DD
             */
            date: string;
            duration_minutes: number;
            /** @description maximal free intervals; a session starts on the grid within one */
            free: {
                end: string;
                start: string;
            }[];
            /** Format: uuid */
            service_id: string;
            timezone: string;
        };
        PractitionerLocation: {
            address: string | null;
            city: string | null;
            /** Format: uuid */
            id: string;
            is_primary: boolean;
            is_virtual: boolean;
        };
        PractitionerLocationInput: {
            address?: string | null;
            city?: string | null;
            is_primary?: boolean;
            is_virtual: boolean;
        };
        PractitionerPage: {
            count: number;
            next: string | null;
            previous: string | null;
            results: components["schemas"]["Practitioner"][];
        };
        PractitionerSchedule: {
            exceptions: components["schemas"]["ScheduleException"][];
            /** @description close ≤ open means the range ends the next day */
            hours: components["schemas"]["OpeningRange"][];
            timezone: string;
        };
        PractitionerSubscription: {
            client_secret?: string | null;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            created_at: string;
            current_period_end: string | null;
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            plan_id: string;
            /** Format: uuid */
            practitioner_id: string;
            /** @enum {unknown} */
            status: "incomplete" | "incomplete_expired" | "trialing" | "active" | "past_due" | "unpaid" | "canceled" | "paused";
        };
        PriceBreakdown: {
            currency: string;
            discounts: number;
            lines: components["schemas"]["QuoteLine"][];
            subtotal: number;
            total: number;
        };
        PricingRule: {
            amount: components["schemas"]["Money"] | null;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            created_at: string;
            ends_on: string | null;
            /** Format: uuid */
            id: string;
            /** @enum {unknown} */
            kind: "season" | "weekday" | "override";
            name: string;
            percent: number | null;
            priority: number;
            rate_plan_id: string | null;
            room_type_id: string | null;
            starts_on: string | null;
            /** Format: uuid */
            venue_id: string;
            weekdays: number[] | null;
        };
        PricingRulePage: {
            count: number;
            next: string | null;
            previous: string | null;
            results: components["schemas"]["PricingRule"][];
        };
        Purchase: {
            amount: components["schemas"]["Money"];
            client_secret: string | null;
            credits_applied: components["schemas"]["Money"];
            /** Format: uuid */
            payment_id: string;
            payment_intent_id: string | null;
            /** Format: uuid */
            reservation_id: string;
            reservation_status: string;
            /** @enum {unknown} */
            status: "pending" | "succeeded" | "failed" | "canceled" | "refunded" | "partially_refunded";
        };
        Quote: {
            /** @description the policy a reservation of these items is made under */
            cancellation_policy: {
                [key: string]: unknown;
            };
            currency: string;
            discounts: number;
            lines: components["schemas"]["QuoteLine"][];
            subtotal: number;
            total: number;
            /** Format: uuid */
            venue_id: string;
        };
        QuoteLine: {
            amount: number;
            description: string;
            item_index: number;
            kind: string;
            /**
             * Format: date
             * @description YYYY-MM-DD
             */
            night?: string;
            quantity: number;
            rate_plan_id?: string | null;
            /** Format: uuid */
            room_type_id?: string;
            rule: string;
            unit: string;
            unit_amount: number;
        };
        RatePlan: {
            adjustment_percent: number;
            /** @description the plan's own, or the venue's when it has none */
            cancellation_policy: {
                [key: string]: unknown;
            };
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            created_at: string;
            description: string | null;
            /** Format: uuid */
            id: string;
            name: string;
            own_policy: boolean;
            /** Format: uuid */
            room_type_id: string;
        };
        RatePlanPage: {
            count: number;
            next: string | null;
            previous: string | null;
            results: components["schemas"]["RatePlan"][];
        };
        Refund: {
            amount: components["schemas"]["Money"];
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            created_at: string;
            credit_amount: components["schemas"]["Money"];
            gateway_refund_id: string | null;
            /** Format: uuid */
            id: string;
            reason: string | null;
            /** @enum {unknown} */
            source: "policy" | "staff" | "venue_cancel" | "late_payment" | "gateway";
            /** @enum {unknown} */
            status: "pending" | "succeeded" | "failed";
        };
        RefundPreview: {
            amount: components["schemas"]["Money"];
            /** @enum {unknown} */
            basis: "cancellation" | "no_show";
            deadline: string | null;
            percent: number;
            tier: number | null;
        };
        Reservation: {
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            created_at: string;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            end: string;
            guest: components["schemas"]["Guest"] | null;
            hold_expires_at: string | null;
            /** Format: uuid */
            id: string;
            items: components["schemas"]["ReservationItem"][];
            notes: string | null;
            party_size: number;
            payment?: components["schemas"]["Payment"] | null;
            quote: components["schemas"]["PriceBreakdown"];
            refund_preview?: components["schemas"]["RefundPreview"] | null;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            start: string;
            /** @enum {unknown} */
            status: "pending" | "awaiting_payment" | "confirmed" | "checked_in" | "completed" | "cancelled" | "refunded" | "expired" | "no_show";
            total: components["schemas"]["Money"];
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            updated_at: string;
            user_id: string | null;
            /** Format: uuid */
            venue_id: string;
        };
        ReservationItem: components["schemas"]["SlotItem"] | components["schemas"]["StayItem"] | components["schemas"]["SeatItem"] | components["schemas"]["SessionItem"] | components["schemas"]["PackageItem"];
        ReservationItemInput: {
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            end: string;
            /** @enum {string} */
            kind: "slot";
            /** Format: uuid */
            room_id: string;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            start: string;
        } | {
            /**
             * Format: date
             * @description YYYY-MM-DD
             */
            arrival: string;
            /**
             * Format: date
             * @description YYYY-MM-DD
             */
            departure: string;
            /** @description guests across those rooms */
            guests: number;
            /** @enum {string} */
            kind: "stay";
            /** @description rooms of this type */
            quantity: number;
            /** Format: uuid */
            rate_plan_id?: string;
            /** Format: uuid */
            room_type_id: string;
        } | {
            /**
             * Format: uuid
             * @description one of your entitlements to this service: it pays for the seats
             */
            entitlement_id?: string;
            /** @enum {string} */
            kind: "seat";
            /** Format: uuid */
            occurrence_id?: string;
            /** @description who sits in the seats, at most one each; unnamed seats are the booker’s */
            participants?: {
                /** Format: email */
                email?: string;
                name: string;
            }[];
            /** @description seats */
            quantity: number;
            /**
             * Format: uuid
             * @description a course, booked whole: a seat in every session
             */
            service_id?: string;
        } | {
            /**
             * Format: uuid
             * @description one of your entitlements to this service: it pays for the session
             */
            entitlement_id?: string;
            /** @enum {string} */
            kind: "session";
            /** Format: uuid */
            service_id: string;
            /**
             * Format: date-time
             * @description RFC 3339 with offset; it lasts the service’s duration
             */
            start: string;
        };
        ReservationPage: {
            count: number;
            next: string | null;
            previous: string | null;
            results: components["schemas"]["Reservation"][];
        };
        ReservationTransition: {
            actor_id: string | null;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            at: string;
            from: string | null;
            id: number;
            reason: string | null;
            to: string;
        };
        ReservationTransitionPage: {
            count: number;
            next: string | null;
            previous: string | null;
            results: components["schemas"]["ReservationTransition"][];
        };
        Review: {
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            created_at: string;
            hidden: boolean;
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            practitioner_id: string;
            rating: number;
            replied_at: string | null;
            reply: string | null;
            /** Format: uuid */
            reservation_id: string;
            /** Format: uuid */
            service_id: string;
            text: string;
        };
        ReviewPage: {
            count: number;
            next: string | null;
            previous: string | null;
            results: components["schemas"]["Review"][];
        };
        Room: {
            amenities: string[];
            buffer_minutes: number;
            capacity: number;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            created_at: string;
            hourly_rate: components["schemas"]["Money"];
            /** Format: uuid */
            id: string;
            max_minutes: number;
            min_minutes: number;
            name: string;
            slot_minutes: number;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            updated_at: string;
            /** Format: uuid */
            venue_id: string;
        };
        RoomPage: {
            count: number;
            next: string | null;
            previous: string | null;
            results: components["schemas"]["Room"][];
        };
        RoomType: {
            amenities: string[];
            base_rate: components["schemas"]["Money"];
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            created_at: string;
            /** Format: uuid */
            id: string;
            max_occupancy: number;
            name: string;
            total_units: number;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            updated_at: string;
            /** Format: uuid */
            venue_id: string;
        };
        RoomTypePage: {
            count: number;
            next: string | null;
            previous: string | null;
            results: components["schemas"]["RoomType"][];
        };
        ScheduleException: {
            /**
             * Format: date
             * @description YYYY-MM-DD
             */
            date: string;
            /** @description empty: a day off; otherwise these ranges replace the weekday’s */
            hours: {
                /** @description HH:MM, practitioner-local */
                close: string;
                /** @description HH:MM, practitioner-local */
                open: string;
            }[];
        };
        SeatItem: {
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            end: string;
            entitlement_id: string | null;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "seat";
            occurrence_id: string | null;
            price: components["schemas"]["Money"];
            quantity: number;
            /** Format: uuid */
            service_id: string;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            start: string;
        };
        Service: {
            archived_at: string | null;
            category: string;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            created_at: string;
            description: string;
            duration_minutes: number;
            /** Format: uuid */
            id: string;
            is_active: boolean;
            is_virtual: boolean;
            location: string | null;
            max_participants: number;
            /** Format: uuid */
            practitioner_id: string;
            price: components["schemas"]["Money"];
            rating: number | null;
            review_count: number;
            title: string;
            type: "session" | "workshop" | "course";
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            updated_at: string;
            /** Format: uuid */
            venue_id: string;
        };
        ServiceCategory: {
            category: string;
            services: number;
        };
        ServiceCategoryPage: {
            count: number;
            next: string | null;
            previous: string | null;
            results: components["schemas"]["ServiceCategory"][];
        };
        ServicePage: {
            count: number;
            next: string | null;
            previous: string | null;
            results: components["schemas"]["Service"][];
        };
        Session: {
            /** @description the access token (JWT) */
            access: string;
            /** @description the refresh token */
            refresh: string;
            user: components["schemas"]["User"];
        };
        SessionItem: {
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            end: string;
            entitlement_id: string | null;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "session";
            price: components["schemas"]["Money"];
            /** Format: uuid */
            service_id: string;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            start: string;
        };
        SlotItem: {
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            end: string;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "slot";
            price: components["schemas"]["Money"];
            /** Format: uuid */
            room_id: string;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            start: string;
        };
        StaffVenue: {
            role: "owner" | "manager" | "staff";
            venue: components["schemas"]["Venue"];
        };
        StaffVenuePage: {
            count: number;
            next: string | null;
            previous: string | null;
            results: components["schemas"]["StaffVenue"][];
        };
        StayItem: {
            /**
             * Format: date
             * @description YYYY-MM-DD
             */
            arrival: string;
            /**
             * Format: date
             * @description YYYY-MM-DD
             */
            departure: string;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            end: string;
            guests: number;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "stay";
            nights: number;
            price: components["schemas"]["Money"];
            quantity: number;
            rate_plan_id: string | null;
            /** Format: uuid */
            room_type_id: string;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            start: string;
        };
        StaySearchResult: {
            /**
             * Format: date
             * @description YYYY-MM-DD
             */
            arrival: string;
            count: number;
            /**
             * Format: date
             * @description YYYY-MM-DD
             */
            departure: string;
            guests: number;
            next: string | null;
            nights: number;
            previous: string | null;
            results: {
                amenities: string[];
                /** @description the fewest units left on any night of the stay */
                available_units: number;
                max_occupancy: number;
                name: string;
                offers: {
                    cancellation_policy: {
                        [key: string]: unknown;
                    };
                    name: string;
                    nightly: {
                        amount: number;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        night: string;
                        rule: string;
                    }[];
                    rate_plan_id: string | null;
                    total: components["schemas"]["Money"];
                }[];
                /** Format: uuid */
                room_type_id: string;
            }[];
            rooms: number;
            /** Format: uuid */
            venue_id: string;
        };
        StripeWebhookReceipt: {
            duplicate: boolean;
            outcome: string;
            received: boolean;
        };
        SubscriptionPlan: {
            commission_discount_percent: number;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            created_at: string;
            features: boolean;
            /** Format: uuid */
            id: string;
            /** @enum {unknown} */
            interval: "month" | "year";
            name: string;
            price: components["schemas"]["Money"];
        };
        SubscriptionPlanPage: {
            count: number;
            next: string | null;
            previous: string | null;
            results: components["schemas"]["SubscriptionPlan"][];
        };
        User: {
            avatar_media_id: string | null;
            avatar_url: string | null;
            bio: string | null;
            created_at: string;
            email: string;
            /** @description whether the owner has followed a link sent to the address */
            email_verified: boolean;
            /** Format: uuid */
            id: string;
            location: string | null;
            name: string;
            phone: string | null;
            preferences: {
                [key: string]: unknown;
            };
            role: "customer" | "admin";
            timezone: string | null;
        };
        Venue: {
            address: string | null;
            cancellation_policy: components["schemas"]["CancellationPolicy"];
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            created_at: string;
            currency: string;
            deposit_percent: number | null;
            hold_ttl_minutes: number;
            hours: components["schemas"]["OpeningRange"][];
            /** Format: uuid */
            id: string;
            kind: "venue" | "hotel" | "practitioner";
            name: string;
            slug: string;
            timezone: string;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            updated_at: string;
        };
        VenueInfo: {
            address: string | null;
            hours_text: string | null;
            phone: string | null;
            policies: string | null;
            socials: {
                [key: string]: string;
            };
            updated_at: string | null;
            /** Format: uuid */
            venue_id: string;
        };
        VenuePage: {
            count: number;
            next: string | null;
            previous: string | null;
            results: components["schemas"]["Venue"][];
        };
        VideoRecording: {
            egress_id: string;
            ended_at: string | null;
            error: string | null;
            /** Format: uuid */
            id: string;
            location: string | null;
            room: string;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            started_at: string;
            /** Format: uuid */
            started_by: string;
            /** @enum {unknown} */
            status: "starting" | "active" | "ending" | "complete" | "failed" | "aborted";
        };
        VideoRoomPass: {
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            ends_at: string;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            expires_at: string;
            /** @description the user id (customers) or `staff-{user id}` (the practitioner’s staff) */
            identity: string;
            occurrence_id: string | null;
            /** @description host: room admin */
            role: "host" | "participant";
            /** @description `occurrence-{id}` (workshops, course sessions) or `reservation-{id}` (1:1) */
            room: string;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            starts_at: string;
            /** @description a LiveKit join token (JWT), valid until the session ends */
            token: string;
            /** @description the LiveKit server to connect to */
            url: string;
        };
        VideoWebhookReceipt: {
            duplicate: boolean;
            outcome: string;
            received: boolean;
        };
        WaitlistEntry: {
            archived_at: string | null;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            created_at: string;
            ended_at: string | null;
            estimated_ready_at: string | null;
            estimated_wait_minutes: number | null;
            /** Format: uuid */
            id: string;
            name: string;
            notes: string | null;
            notified_at: string | null;
            party_size: number;
            phone: string;
            position: number | null;
            quoted_wait_minutes: number | null;
            reservation_id: string | null;
            room_id: string | null;
            seated_at: string | null;
            /** @enum {unknown} */
            status: "waiting" | "notified" | "seated" | "left" | "no_show" | "archived";
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            updated_at: string;
            user_id: string | null;
            /** Format: uuid */
            venue_id: string;
        };
        WaitlistEntryPage: {
            count: number;
            next: string | null;
            previous: string | null;
            results: components["schemas"]["WaitlistEntry"][];
        };
        WaitlistJoin: {
            archived_at: string | null;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            created_at: string;
            ended_at: string | null;
            estimated_ready_at: string | null;
            estimated_wait_minutes: number | null;
            /** Format: uuid */
            id: string;
            name: string;
            notes: string | null;
            notified_at: string | null;
            party_size: number;
            phone: string;
            position: number | null;
            quoted_wait_minutes: number | null;
            reservation_id: string | null;
            room_id: string | null;
            seated_at: string | null;
            /** @enum {unknown} */
            status: "waiting" | "notified" | "seated" | "left" | "no_show" | "archived";
            /** @description public, no sign-in: GET it to see the place in the queue */
            status_url: string;
            token: string;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            updated_at: string;
            user_id: string | null;
            /** Format: uuid */
            venue_id: string;
        };
        WaitlistStatus: {
            estimated_ready_at: string | null;
            estimated_wait_minutes: number | null;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            joined_at: string;
            /** @description first name only */
            name: string;
            party_size: number;
            position: number | null;
            quoted_wait_minutes: number | null;
            /** @enum {unknown} */
            status: "waiting" | "notified" | "seated" | "left" | "no_show" | "archived";
            /** Format: uuid */
            venue_id: string;
            venue_name: string;
        };
        Webhook: {
            consecutive_failures: number;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            created_at: string;
            description: string | null;
            disabled_at: string | null;
            disabled_reason: string | null;
            enabled: boolean;
            event_types: string[];
            /** Format: uuid */
            id: string;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            updated_at: string;
            url: string;
            /** Format: uuid */
            venue_id: string;
        };
        WebhookDelivery: {
            attempts: number;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            created_at: string;
            delivered_at: string | null;
            /** @description evt_<n>, the webhook-id header */
            event_id: string;
            event_type: string;
            /** Format: uuid */
            id: string;
            last_attempt_at: string | null;
            last_error: string | null;
            next_attempt_at: string | null;
            /** @description the body sent */
            payload: {
                [key: string]: unknown;
            };
            response_status: number | null;
            /** @enum {unknown} */
            status: "pending" | "succeeded" | "failed";
            /** Format: uuid */
            subscription_id: string;
        };
        WebhookDeliveryPage: {
            count: number;
            next: string | null;
            previous: string | null;
            results: components["schemas"]["WebhookDelivery"][];
        };
        WebhookPage: {
            count: number;
            next: string | null;
            previous: string | null;
            results: components["schemas"]["Webhook"][];
        };
        WebhookWithSecret: {
            consecutive_failures: number;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            created_at: string;
            description: string | null;
            disabled_at: string | null;
            disabled_reason: string | null;
            enabled: boolean;
            event_types: string[];
            /** Format: uuid */
            id: string;
            /** @description whsec_… (Standard Webhooks); shown once, keep it */
            secret: string;
            /**
             * Format: date-time
             * @description RFC 3339 with offset
             */
            updated_at: string;
            url: string;
            /** Format: uuid */
            venue_id: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    refresh: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    requestPasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Notice"];
                };
            };
        };
    };
    confirmPasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    password: string;
                    /** @description the token from the emailed link */
                    token: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Notice"];
                };
            };
        };
    };
    register: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    name: string;
                    password: string;
                    phone?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
        };
    };
    refreshToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    refresh: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
        };
    };
    getCurrentUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
        };
    };
    updateCurrentUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    avatar_media_id?: string | null;
                    avatar_url?: string | null;
                    bio?: string | null;
                    location?: string | null;
                    name?: string;
                    phone?: string | null;
                    /** @description the client's own settings: a JSON object of at most 4 KiB, nested at most 4 levels; replaced whole on PUT */
                    preferences?: {
                        [key: string]: unknown;
                    };
                    timezone?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
        };
    };
    verifyEmail: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the token from the emailed link */
                    token: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Notice"];
                };
            };
        };
    };
    resendVerificationEmail: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Notice"];
                };
            };
        };
    };
    purchaseBundle: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description development only: pay at once with the fake gateway's test card */
                    auto_confirm?: boolean;
                    /**
                     * @description apply the customer's credits before the card
                     * @default true
                     */
                    use_credits?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Purchase"];
                };
            };
        };
    };
    listCalendarFeeds: {
        parameters: {
            query?: {
                page?: number;
                page_size?: number;
                search?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarFeedPage"];
                };
            };
        };
    };
    createCalendarFeed: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: uuid
                     * @description the room or practitioner (for a practitioner, default: your own profile)
                     */
                    id?: string;
                    /**
                     * @description customer: your own bookings; room: a room you staff; practitioner: a practitioner you work for
                     * @enum {unknown}
                     */
                    kind: "customer" | "room" | "practitioner";
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedCalendarFeed"];
                };
            };
        };
    };
    revokeCalendarFeed: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getCalendarFeed: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description an iCalendar object (RFC 5545) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/calendar": string;
                };
            };
        };
    };
    listMyConversations: {
        parameters: {
            query?: {
                page?: number;
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationPage"];
                };
            };
        };
    };
    openConversation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: uuid
                     * @description staff only, with venue_id: a customer who has booked at the venue
                     */
                    customer_id?: string;
                    /** @description uploads of purpose `message` made by the sender, at most 10 */
                    media_ids?: string[];
                    /**
                     * Format: uuid
                     * @description instead of venue_id: the practitioner’s business
                     */
                    practitioner_id?: string;
                    /** @description at most 4000 characters */
                    text?: string;
                    /** Format: uuid */
                    venue_id?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Conversation"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Conversation"];
                };
            };
        };
    };
    getConversation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Conversation"];
                };
            };
        };
    };
    listConversationMessages: {
        parameters: {
            query?: {
                /** @description a message id: the messages sent before it */
                before?: string;
                page_size?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessagePage"];
                };
            };
        };
    };
    sendMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description uploads of purpose `message` made by the sender, at most 10 */
                    media_ids?: string[];
                    /** @description at most 4000 characters */
                    text?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Message"];
                };
            };
        };
    };
    markConversationRead: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /**
                     * Format: uuid
                     * @description read up to this message; the latest by default
                     */
                    message_id?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        conversation_id: string;
                        read_through: string | null;
                        unread_count: number;
                    };
                };
            };
        };
    };
    getCreditBalance: {
        parameters: {
            query?: {
                /** @description admins only; others get their own */
                user_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreditBalances"];
                };
            };
        };
    };
    grantCredit: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    amount: {
                        /** @description minor units */
                        amount: number;
                        currency: string;
                    };
                    /**
                     * Format: date-time
                     * @description RFC 3339 with offset
                     */
                    expires_at?: string;
                    /** @enum {unknown} */
                    kind: "purchase" | "promotion";
                    note?: string;
                    /** Format: uuid */
                    user_id: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreditGrant"];
                };
            };
        };
    };
    listCreditHistory: {
        parameters: {
            query?: {
                kind?: "purchase" | "refund" | "promotion" | "spend" | "restore" | "expiry";
                page?: number;
                page_size?: number;
                /** @description admins only; others get their own */
                user_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreditEntryPage"];
                };
            };
        };
    };
    purchaseCredits: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    amount: {
                        /** @description minor units; at least what a card network charges */
                        amount: number;
                        currency: string;
                    };
                    /** @description development only: pay at once with the fake gateway's test card */
                    auto_confirm?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreditPurchase"];
                };
            };
        };
    };
    getCreditPurchase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreditPurchase"];
                };
            };
        };
    };
    listEntitlements: {
        parameters: {
            query?: {
                page?: number;
                page_size?: number;
                search?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EntitlementPage"];
                };
            };
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        database: string;
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
        };
    };
    uploadMedia: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description the file, as a file part
                     */
                    file: unknown;
                    /** @description what the upload is for; it decides who may read it: avatar (anyone), post (who may read the post), message (the conversation’s participants) */
                    purpose: "avatar" | "post" | "message";
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Media"];
                };
            };
        };
    };
    readMedia: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The file’s bytes, with its stored content type */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                    "image/jpeg": string;
                    "image/png": string;
                    "image/webp": string;
                };
            };
        };
    };
    deleteMedia: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    deleteMenuItem: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    updateMenuItem: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    available?: boolean;
                    category?: string;
                    description?: string | null;
                    name?: string;
                    /** @description order within the category */
                    position?: number;
                    price?: components["schemas"]["MoneyInput"];
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MenuItem"];
                };
            };
        };
    };
    listMyNotifications: {
        parameters: {
            query?: {
                /** @description one of created_at; a leading - sorts descending */
                ordering?: "created_at" | "-created_at";
                page?: number;
                page_size?: number;
                search?: string;
                /** @description only messages not marked read */
                unread?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InboxMessagePage"];
                };
            };
        };
    };
    markNotificationRead: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InboxMessage"];
                };
            };
        };
    };
    markOccurrenceAttendance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    attended: boolean;
                    /** Format: uuid */
                    participant_id: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Attendee"];
                };
            };
        };
    };
    listOccurrenceParticipants: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        participants: components["schemas"]["Attendee"][];
                    };
                };
            };
        };
    };
    purchasePackage: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description development only: pay at once with the fake gateway's test card */
                    auto_confirm?: boolean;
                    /**
                     * @description apply the customer's credits before the card
                     * @default true
                     */
                    use_credits?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Purchase"];
                };
            };
        };
    };
    listPayments: {
        parameters: {
            query?: {
                /** @description one of created_at; a leading - sorts descending */
                ordering?: "created_at" | "-created_at";
                page?: number;
                page_size?: number;
                search?: string;
                status?: "pending" | "succeeded" | "failed" | "canceled" | "refunded" | "partially_refunded";
                venue?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentPage"];
                };
            };
        };
    };
    receiveStripeWebhook: {
        parameters: {
            query?: never;
            header?: {
                "stripe-signature"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    data: {
                        object: Record<string, never>;
                    };
                    id: string;
                    type: string;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StripeWebhookReceipt"];
                };
            };
        };
    };
    ping: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        pong: boolean;
                    };
                };
            };
        };
    };
    getPractitionerAnalytics: {
        parameters: {
            query: {
                /** @description YYYY-MM-DD */
                from: string;
                /** @description weeks start on Monday; default day */
                interval?: "day" | "week" | "month";
                page?: number;
                page_size?: number;
                /** @description by default your own practitioner profile */
                practitioner_id?: string;
                search?: string;
                /** @description YYYY-MM-DD */
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PractitionerAnalyticsPeriodPage"];
                };
            };
        };
    };
    connectPayoutAccount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /**
                     * Format: uuid
                     * @description whose; by default your own practitioner profile
                     */
                    practitioner_id?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectOnboarding"];
                };
            };
        };
    };
    listEarnings: {
        parameters: {
            query?: {
                /** @description written at or after */
                from?: string;
                kind?: "earning" | "adjustment";
                page?: number;
                page_size?: number;
                /** @description whose; by default your own practitioner profile */
                practitioner_id?: string;
                search?: string;
                status?: "pending" | "available" | "paid";
                /** @description written before */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EarningPage"];
                };
            };
        };
    };
    getEarningsSummary: {
        parameters: {
            query?: {
                /** @description whose; by default your own practitioner profile */
                practitioner_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EarningsSummary"];
                };
            };
        };
    };
    listPayouts: {
        parameters: {
            query?: {
                page?: number;
                page_size?: number;
                /** @description whose; by default your own practitioner profile */
                practitioner_id?: string;
                search?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PayoutPage"];
                };
            };
        };
    };
    requestPayout: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /**
                     * Format: uuid
                     * @description whose; by default your own practitioner profile
                     */
                    practitioner_id?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Payout"];
                };
            };
        };
    };
    getPractitionerSubscription: {
        parameters: {
            query?: {
                /** @description by default your own practitioner profile */
                practitioner_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PractitionerSubscription"];
                };
            };
        };
    };
    subscribePractitioner: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    plan_id: string;
                    /**
                     * Format: uuid
                     * @description by default your own practitioner profile
                     */
                    practitioner_id?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PractitionerSubscription"];
                };
            };
        };
    };
    cancelPractitionerSubscription: {
        parameters: {
            query?: {
                /** @description by default your own practitioner profile */
                practitioner_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PractitionerSubscription"];
                };
            };
        };
    };
    listLedgerTransactions: {
        parameters: {
            query?: {
                page?: number;
                page_size?: number;
                /** @description whose; by default your own practitioner profile */
                practitioner_id?: string;
                search?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LedgerTransactionPage"];
                };
            };
        };
    };
    listPractitioners: {
        parameters: {
            query?: {
                city?: string;
                /** @description one of rating, display_name, created_at; a leading - sorts descending */
                ordering?: "rating" | "-rating" | "display_name" | "-display_name" | "created_at" | "-created_at";
                page?: number;
                page_size?: number;
                search?: string;
                specialization?: string;
                /** @description admins only (others get 403 for anything but verified): the applications waiting, or those turned down */
                status?: "pending" | "verified" | "rejected";
                /** @description the practitioner whose business this venue is; its staff and admins see it whatever its state */
                venue?: string;
                virtual?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PractitionerPage"];
                };
            };
        };
    };
    getPractitioner: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Practitioner"];
                };
            };
        };
    };
    updatePractitioner: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    bio?: string;
                    certifications?: string[];
                    display_name?: string;
                    locations?: components["schemas"]["PractitionerLocationInput"][];
                    specializations?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Practitioner"];
                };
            };
        };
    };
    getPractitionerAvailability: {
        parameters: {
            query: {
                /** @description YYYY-MM-DD */
                date: string;
                service_id: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PractitionerAvailability"];
                };
            };
        };
    };
    listBundles: {
        parameters: {
            query?: {
                page?: number;
                page_size?: number;
                search?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PackagePage"];
                };
            };
        };
    };
    createBundle: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    items: {
                        /** Format: uuid */
                        service_id: string;
                        /** @description sessions (or seats) of the service it holds */
                        sessions: number;
                    }[];
                    name: string;
                    price: components["schemas"]["MoneyInput"];
                    /** @description how long the entitlements last from the payment */
                    valid_for_days: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Package"];
                };
            };
        };
    };
    featurePractitioner: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    is_featured: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Practitioner"];
                };
            };
        };
    };
    listPackages: {
        parameters: {
            query?: {
                page?: number;
                page_size?: number;
                search?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PackagePage"];
                };
            };
        };
    };
    createPackage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    discount_percent: number;
                    items: {
                        /** Format: uuid */
                        service_id: string;
                        /** @description sessions (or seats) of the service it holds */
                        sessions: number;
                    }[];
                    name: string;
                    /** @description how long the entitlements last from the payment */
                    valid_for_days: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Package"];
                };
            };
        };
    };
    holdPayouts: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    held: boolean;
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PayoutHold"];
                };
            };
        };
    };
    rejectPractitioner: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Practitioner"];
                };
            };
        };
    };
    listPractitionerReviews: {
        parameters: {
            query?: {
                page?: number;
                page_size?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewPage"];
                };
            };
        };
    };
    getPractitionerSchedule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PractitionerSchedule"];
                };
            };
        };
    };
    setPractitionerSchedule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    exceptions?: components["schemas"]["ScheduleException"][];
                    /** @description close ≤ open means the range ends the next day */
                    hours: components["schemas"]["OpeningRange"][];
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PractitionerSchedule"];
                };
            };
        };
    };
    listPractitionerServices: {
        parameters: {
            query?: {
                page?: number;
                page_size?: number;
                search?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServicePage"];
                };
            };
        };
    };
    verifyPractitioner: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Practitioner"];
                };
            };
        };
    };
    applyAsPractitioner: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    bio?: string;
                    certifications?: string[];
                    currency: string;
                    display_name: string;
                    locations: components["schemas"]["PractitionerLocationInput"][];
                    specializations?: string[];
                    /** @description IANA time zone, e.g. Europe/Lisbon */
                    timezone: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Practitioner"];
                };
            };
        };
    };
    deletePricingRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    createQuote: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    items: components["schemas"]["ReservationItemInput"][];
                    party_size?: number;
                    /** Format: uuid */
                    venue_id: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Quote"];
                };
            };
        };
    };
    listReservations: {
        parameters: {
            query?: {
                /** @description YYYY-MM-DD */
                from?: string;
                /** @description one of created_at, start; a leading - sorts descending */
                ordering?: "created_at" | "-created_at" | "start" | "-start";
                page?: number;
                page_size?: number;
                room?: string;
                search?: string;
                /** @description comma-separated */
                status?: string;
                /** @description YYYY-MM-DD */
                to?: string;
                venue?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReservationPage"];
                };
            };
        };
    };
    createReservation: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    guest?: components["schemas"]["Guest"] | null;
                    items: components["schemas"]["ReservationItemInput"][];
                    notes?: string | null;
                    party_size?: number;
                    /** Format: uuid */
                    venue_id: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reservation"];
                };
            };
        };
    };
    getReservation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reservation"];
                };
            };
        };
    };
    cancelReservation: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    reason?: string | null;
                    /** @description staff only: instead of the policy's amount; needs a reason */
                    refund_amount?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reservation"];
                };
            };
        };
    };
    checkInReservation: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    reason?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reservation"];
                };
            };
        };
    };
    checkoutReservation: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description development only: pay at once with the fake gateway's test card */
                    auto_confirm?: boolean;
                    /**
                     * @description apply the customer's credits before the card
                     * @default true
                     */
                    use_credits?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Checkout"];
                };
            };
        };
    };
    completeReservation: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    reason?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reservation"];
                };
            };
        };
    };
    confirmReservation: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    reason?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reservation"];
                };
            };
        };
    };
    getReservationHistory: {
        parameters: {
            query?: {
                page?: number;
                page_size?: number;
                search?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReservationTransitionPage"];
                };
            };
        };
    };
    markReservationNoShow: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    reason?: string | null;
                    /** @description staff only: instead of the policy's amount; needs a reason */
                    refund_amount?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reservation"];
                };
            };
        };
    };
    getReservationPaymentLog: {
        parameters: {
            query?: {
                page?: number;
                page_size?: number;
                search?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentLogEntryPage"];
                };
            };
        };
    };
    refundReservation: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description minor units, in the reservation currency */
                    amount?: number;
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Payment"];
                };
            };
        };
    };
    rescheduleReservation: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date-time
                     * @description RFC 3339 with offset
                     */
                    end: string;
                    /** Format: uuid */
                    item_id?: string;
                    /** Format: uuid */
                    room_id?: string;
                    /**
                     * Format: date-time
                     * @description RFC 3339 with offset
                     */
                    start: string;
                } | {
                    /**
                     * Format: date
                     * @description YYYY-MM-DD
                     */
                    arrival: string;
                    /**
                     * Format: date
                     * @description YYYY-MM-DD
                     */
                    departure: string;
                    /** Format: uuid */
                    item_id?: string;
                } | {
                    /** Format: uuid */
                    item_id?: string;
                    /** Format: uuid */
                    occurrence_id: string;
                } | {
                    /** Format: uuid */
                    item_id?: string;
                    /**
                     * Format: date-time
                     * @description RFC 3339 with offset
                     */
                    start: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reservation"];
                };
            };
        };
    };
    joinReservationVideo: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VideoRoomPass"];
                };
            };
        };
    };
    listReservationRecordings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        recordings: components["schemas"]["VideoRecording"][];
                    };
                };
            };
        };
    };
    startReservationRecording: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VideoRecording"];
                };
            };
        };
    };
    stopReservationRecording: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VideoRecording"];
                };
            };
        };
    };
    listPastReservations: {
        parameters: {
            query?: {
                page?: number;
                page_size?: number;
                search?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReservationPage"];
                };
            };
        };
    };
    listUpcomingReservations: {
        parameters: {
            query?: {
                page?: number;
                page_size?: number;
                search?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReservationPage"];
                };
            };
        };
    };
    createReview: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    rating: number;
                    /** Format: uuid */
                    reservation_id: string;
                    text?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Review"];
                };
            };
        };
    };
    hideReview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Review"];
                };
            };
        };
    };
    replyToReview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    text: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Review"];
                };
            };
        };
    };
    getRoomType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoomType"];
                };
            };
        };
    };
    updateRoomType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    amenities?: string[];
                    base_rate?: components["schemas"]["MoneyInput"];
                    /** @description guests per unit */
                    max_occupancy?: number;
                    name?: string;
                    /** @description units of a newly loaded night; a change applies to every night from today */
                    total_units?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoomType"];
                };
            };
        };
    };
    editInventory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    closed?: boolean;
                    /**
                     * Format: date
                     * @description YYYY-MM-DD
                     */
                    from: string;
                    min_stay?: number;
                    /**
                     * Format: date
                     * @description YYYY-MM-DD
                     */
                    to: string;
                    units?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InventoryGrid"];
                };
            };
        };
    };
    listRatePlans: {
        parameters: {
            query?: {
                page?: number;
                page_size?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RatePlanPage"];
                };
            };
        };
    };
    createRatePlan: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description applied after the pricing rules, e.g. -10 for 10 % off */
                    adjustment_percent?: number;
                    cancellation_policy?: components["schemas"]["CancellationPolicy"] | null;
                    description?: string | null;
                    name: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RatePlan"];
                };
            };
        };
    };
    getRoom: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Room"];
                };
            };
        };
    };
    archiveRoom: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    updateRoom: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    amenities?: string[];
                    /** @description kept free after each booking */
                    buffer_minutes?: number;
                    capacity?: number;
                    hourly_rate?: components["schemas"]["MoneyInput"];
                    /** @description a multiple of slot_minutes */
                    max_minutes?: number;
                    /** @description a multiple of slot_minutes */
                    min_minutes?: number;
                    name?: string;
                    /** @description booking grid; must divide a day */
                    slot_minutes?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Room"];
                };
            };
        };
    };
    listServices: {
        parameters: {
            query?: {
                /** @description YYYY-MM-DD */
                available_from?: string;
                /** @description YYYY-MM-DD, inclusive; with available_from, at most 31 days later */
                available_to?: string;
                category?: string;
                city?: string;
                /** @description one of price, title, created_at; a leading - sorts descending */
                ordering?: "price" | "-price" | "title" | "-title" | "created_at" | "-created_at";
                page?: number;
                page_size?: number;
                practitioner?: string;
                /** @description minor units */
                price_max?: number;
                /** @description minor units */
                price_min?: number;
                search?: string;
                type?: "session" | "workshop" | "course";
                virtual?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServicePage"];
                };
            };
        };
    };
    createService: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    category: string;
                    description?: string;
                    duration_minutes: number;
                    /** @description inactive services are not sold nor listed */
                    is_active?: boolean;
                    is_virtual?: boolean;
                    location?: string | null;
                    /** @description seats per occurrence; 1 for a session */
                    max_participants?: number;
                    /** Format: uuid */
                    practitioner_id: string;
                    price: components["schemas"]["MoneyInput"];
                    title: string;
                    type: "session" | "workshop" | "course";
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Service"];
                };
            };
        };
    };
    getService: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Service"];
                };
            };
        };
    };
    updateService: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    category?: string;
                    description?: string;
                    duration_minutes?: number;
                    /** @description inactive services are not sold nor listed */
                    is_active?: boolean;
                    is_virtual?: boolean;
                    location?: string | null;
                    /** @description seats per occurrence; 1 for a session */
                    max_participants?: number;
                    price?: components["schemas"]["MoneyInput"];
                    title?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Service"];
                };
            };
        };
    };
    archiveService: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    listServiceOccurrences: {
        parameters: {
            query?: {
                /** @description RFC 3339 with offset */
                from?: string;
                page?: number;
                page_size?: number;
                /** @description RFC 3339 with offset */
                to?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OccurrencePage"];
                };
            };
        };
    };
    scheduleServiceOccurrences: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description a course’s sessions all at once */
                    occurrences: components["schemas"]["OccurrenceInput"][];
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        occurrences: components["schemas"]["Occurrence"][];
                    };
                };
            };
        };
    };
    listServiceCategories: {
        parameters: {
            query?: {
                page?: number;
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceCategoryPage"];
                };
            };
        };
    };
    searchStays: {
        parameters: {
            query: {
                /** @description YYYY-MM-DD */
                arrival: string;
                /** @description YYYY-MM-DD */
                departure: string;
                guests?: number;
                page?: number;
                page_size?: number;
                rooms?: number;
                venue: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaySearchResult"];
                };
            };
        };
    };
    listPosts: {
        parameters: {
            query?: {
                page?: number;
                page_size?: number;
                practitioner_id?: string;
                /** @description only the posts I saved (signed in) */
                saved?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostPage"];
                };
            };
        };
    };
    createPost: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    body?: string;
                    /** @description uploads of purpose post, by the caller, in order */
                    media_ids?: string[];
                    /** Format: uuid */
                    practitioner_id: string;
                    title: string;
                    /** @description public: anyone; customers: people with a confirmed, checked-in or completed booking with the practitioner, and their staff */
                    visibility?: "public" | "customers";
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Post"];
                };
            };
        };
    };
    getPost: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Post"];
                };
            };
        };
    };
    updatePost: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    body?: string;
                    /** @description uploads of purpose post, by the caller, in order */
                    media_ids?: string[];
                    title?: string;
                    /** @description public: anyone; customers: people with a confirmed, checked-in or completed booking with the practitioner, and their staff */
                    visibility?: "public" | "customers";
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Post"];
                };
            };
        };
    };
    deletePost: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    listPostComments: {
        parameters: {
            query?: {
                page?: number;
                page_size?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostCommentPage"];
                };
            };
        };
    };
    commentOnPost: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    body: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostComment"];
                };
            };
        };
    };
    deletePostComment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                comment_id: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    likePost: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Post"];
                };
            };
        };
    };
    unlikePost: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Post"];
                };
            };
        };
    };
    savePost: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Post"];
                };
            };
        };
    };
    unsavePost: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Post"];
                };
            };
        };
    };
    listSubscriptionPlans: {
        parameters: {
            query?: {
                page?: number;
                page_size?: number;
                search?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubscriptionPlanPage"];
                };
            };
        };
    };
    createSubscriptionPlan: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description taken off the tier’s rate while active */
                    commission_discount_percent?: number;
                    /** @description subscribers are featured in the practitioner listing */
                    features?: boolean;
                    /** @enum {unknown} */
                    interval: "month" | "year";
                    name: string;
                    price: components["schemas"]["MoneyInput"];
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubscriptionPlan"];
                };
            };
        };
    };
    listVenues: {
        parameters: {
            query?: {
                kind?: "venue" | "hotel" | "practitioner";
                /** @description one of name, created_at; a leading - sorts descending */
                ordering?: "name" | "-name" | "created_at" | "-created_at";
                page?: number;
                page_size?: number;
                search?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VenuePage"];
                };
            };
        };
    };
    createVenue: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    address?: string | null;
                    currency: string;
                    hold_ttl_minutes?: number | null;
                    /** @description close ≤ open means the range ends the next day */
                    hours?: components["schemas"]["OpeningRange"][];
                    kind: "venue" | "hotel" | "practitioner";
                    name: string;
                    slug?: string;
                    /** @description IANA time zone, e.g. America/Denver */
                    timezone: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Venue"];
                };
            };
        };
    };
    getVenue: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Venue"];
                };
            };
        };
    };
    updateVenue: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    address?: string | null;
                    cancellation_policy?: components["schemas"]["CancellationPolicy"] | null;
                    deposit_percent?: number | null;
                    hold_ttl_minutes?: number | null;
                    name?: string;
                    /** @description IANA time zone, e.g. America/Denver */
                    timezone?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Venue"];
                };
            };
        };
    };
    getVenueAnalytics: {
        parameters: {
            query: {
                /** @description YYYY-MM-DD */
                from: string;
                /** @description weeks start on Monday; default day */
                interval?: "day" | "week" | "month";
                page?: number;
                page_size?: number;
                search?: string;
                /** @description YYYY-MM-DD */
                to: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnalyticsPeriodPage"];
                };
            };
        };
    };
    listArrivals: {
        parameters: {
            query: {
                /** @description YYYY-MM-DD */
                date: string;
                page?: number;
                page_size?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReservationPage"];
                };
            };
        };
    };
    getVenueAvailability: {
        parameters: {
            query: {
                /** @description YYYY-MM-DD */
                date: string;
                party_size?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Availability"];
                };
            };
        };
    };
    listVenueClosures: {
        parameters: {
            query?: {
                /** @description YYYY-MM-DD */
                from?: string;
                page?: number;
                page_size?: number;
                search?: string;
                /** @description YYYY-MM-DD */
                to?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClosurePage"];
                };
            };
        };
    };
    addVenueClosure: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date
                     * @description YYYY-MM-DD
                     */
                    date: string;
                    reason?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Closure"];
                };
            };
        };
    };
    listDepartures: {
        parameters: {
            query: {
                /** @description YYYY-MM-DD */
                date: string;
                page?: number;
                page_size?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReservationPage"];
                };
            };
        };
    };
    setVenueHours: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description close ≤ open means the range ends the next day */
                    hours: components["schemas"]["OpeningRange"][];
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Venue"];
                };
            };
        };
    };
    getVenueInfo: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VenueInfo"];
                };
            };
        };
    };
    setVenueInfo: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    address?: string | null;
                    hours_text?: string | null;
                    phone?: string | null;
                    policies?: string | null;
                    /** @description network → URL */
                    socials?: {
                        [key: string]: string;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VenueInfo"];
                };
            };
        };
    };
    getInventory: {
        parameters: {
            query: {
                /** @description YYYY-MM-DD */
                from: string;
                /** @description YYYY-MM-DD */
                to: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InventoryGrid"];
                };
            };
        };
    };
    preloadInventory: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date
                     * @description YYYY-MM-DD
                     */
                    from: string;
                    /**
                     * Format: date
                     * @description YYYY-MM-DD
                     */
                    to: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InventoryPreload"];
                };
            };
        };
    };
    listVenueMembers: {
        parameters: {
            query?: {
                page?: number;
                page_size?: number;
                search?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberPage"];
                };
            };
        };
    };
    addVenueMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    role: "owner" | "manager" | "staff";
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Member"];
                };
            };
        };
    };
    removeVenueMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    listMenuItems: {
        parameters: {
            query?: {
                available?: boolean;
                category?: string;
                page?: number;
                page_size?: number;
                search?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MenuItemPage"];
                };
            };
        };
    };
    createMenuItem: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    available?: boolean;
                    category: string;
                    description?: string | null;
                    name: string;
                    /** @description order within the category */
                    position?: number;
                    price: components["schemas"]["MoneyInput"];
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MenuItem"];
                };
            };
        };
    };
    listVenueNotifications: {
        parameters: {
            query?: {
                channel?: "sms" | "email" | "in_app";
                /** @description one of created_at; a leading - sorts descending */
                ordering?: "created_at" | "-created_at";
                page?: number;
                page_size?: number;
                search?: string;
                status?: "pending" | "sent" | "failed";
                template?: "reservation_confirmed" | "reservation_cancelled" | "reservation_refunded" | "reservation_rescheduled" | "reservation_expired" | "payment_failed" | "waitlist_ready" | "reminder_24h" | "reminder_30m" | "password_reset" | "email_verification" | "payout_sent" | "payout_failed" | "earnings_available" | "review_received" | "comment_received" | "staff_booking_new" | "staff_booking_cancelled" | "occurrence_reminder" | "message_received" | "messages_unread";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationLogEntryPage"];
                };
            };
        };
    };
    listPricingRules: {
        parameters: {
            query?: {
                page?: number;
                page_size?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PricingRulePage"];
                };
            };
        };
    };
    createPricingRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    amount?: components["schemas"]["MoneyInput"] | null;
                    ends_on?: string | null;
                    /**
                     * @description season: a date range; weekday: some weekdays (optionally within dates); override: a rate plan's fixed price on dates
                     * @enum {unknown}
                     */
                    kind: "season" | "weekday" | "override";
                    name: string;
                    percent?: number | null;
                    priority?: number;
                    rate_plan_id?: string | null;
                    room_type_id?: string | null;
                    starts_on?: string | null;
                    weekdays?: number[] | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PricingRule"];
                };
            };
        };
    };
    getOccupancyReport: {
        parameters: {
            query: {
                /** @description YYYY-MM-DD */
                from: string;
                /** @description YYYY-MM-DD */
                to: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OccupancyReport"];
                };
            };
        };
    };
    listRoomTypes: {
        parameters: {
            query?: {
                page?: number;
                page_size?: number;
                search?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoomTypePage"];
                };
            };
        };
    };
    createRoomType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    amenities?: string[];
                    base_rate: components["schemas"]["MoneyInput"];
                    /** @description guests per unit */
                    max_occupancy: number;
                    name: string;
                    /** @description units of a newly loaded night; a change applies to every night from today */
                    total_units: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoomType"];
                };
            };
        };
    };
    listVenueRooms: {
        parameters: {
            query?: {
                min_capacity?: number;
                page?: number;
                page_size?: number;
                search?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoomPage"];
                };
            };
        };
    };
    createVenueRoom: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    amenities?: string[];
                    /** @description kept free after each booking */
                    buffer_minutes?: number;
                    capacity: number;
                    hourly_rate: components["schemas"]["MoneyInput"];
                    /** @description a multiple of slot_minutes */
                    max_minutes?: number;
                    /** @description a multiple of slot_minutes */
                    min_minutes?: number;
                    name: string;
                    /** @description booking grid; must divide a day */
                    slot_minutes?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Room"];
                };
            };
        };
    };
    listWaitlist: {
        parameters: {
            query?: {
                /** @description one of created_at; a leading - sorts descending */
                ordering?: "created_at" | "-created_at";
                page?: number;
                page_size?: number;
                search?: string;
                /** @description one status; without it, the queue (waiting and notified) */
                status?: "waiting" | "notified" | "seated" | "left" | "no_show" | "archived";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WaitlistEntryPage"];
                };
            };
        };
    };
    joinWaitlist: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    notes?: string | null;
                    party_size: number;
                    phone: string;
                    quoted_wait_minutes?: number | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WaitlistJoin"];
                };
            };
        };
    };
    listWebhooks: {
        parameters: {
            query?: {
                enabled?: boolean;
                page?: number;
                page_size?: number;
                search?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookPage"];
                };
            };
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    description?: string | null;
                    /** @description empty or absent: every type */
                    event_types?: ("reservation.created" | "reservation.confirmed" | "reservation.awaiting_payment" | "reservation.pending" | "reservation.checked_in" | "reservation.completed" | "reservation.cancelled" | "reservation.refunded" | "reservation.expired" | "reservation.no_show" | "reservation.rescheduled" | "payment.succeeded" | "payment.failed" | "payment.refunded" | "inventory.changed" | "waitlist.updated" | "video.room_opened")[];
                    /**
                     * Format: uri
                     * @description http(s) URL the events are POSTed to
                     */
                    url: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookWithSecret"];
                };
            };
        };
    };
    listMyVenues: {
        parameters: {
            query?: {
                page?: number;
                page_size?: number;
                search?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffVenuePage"];
                };
            };
        };
    };
    receiveLiveKitWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    event: string;
                    id: string;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VideoWebhookReceipt"];
                };
            };
        };
    };
    notifyWaitlistParty: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WaitlistEntry"];
                };
            };
        };
    };
    removeWaitlistParty: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description default left */
                    reason?: "left" | "no_show";
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WaitlistEntry"];
                };
            };
        };
    };
    seatWaitlistParty: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description length of the room booking; default the room's minimum */
                    minutes?: number;
                    /** Format: uuid */
                    room_id?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WaitlistEntry"];
                };
            };
        };
    };
    getWaitlistStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the status link token */
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WaitlistStatus"];
                };
            };
        };
    };
    retryWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
        };
    };
    getWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhook"];
                };
            };
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    updateWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    description?: string | null;
                    /** @description true re-enables a disabled subscription and resets its failure count */
                    enabled?: boolean;
                    /** @description empty or absent: every type */
                    event_types?: ("reservation.created" | "reservation.confirmed" | "reservation.awaiting_payment" | "reservation.pending" | "reservation.checked_in" | "reservation.completed" | "reservation.cancelled" | "reservation.refunded" | "reservation.expired" | "reservation.no_show" | "reservation.rescheduled" | "payment.succeeded" | "payment.failed" | "payment.refunded" | "inventory.changed" | "waitlist.updated" | "video.room_opened")[];
                    /**
                     * Format: uri
                     * @description http(s) URL the events are POSTed to
                     */
                    url?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhook"];
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                event_type?: "reservation.created" | "reservation.confirmed" | "reservation.awaiting_payment" | "reservation.pending" | "reservation.checked_in" | "reservation.completed" | "reservation.cancelled" | "reservation.refunded" | "reservation.expired" | "reservation.no_show" | "reservation.rescheduled" | "payment.succeeded" | "payment.failed" | "payment.refunded" | "inventory.changed" | "waitlist.updated" | "video.room_opened";
                page?: number;
                page_size?: number;
                status?: "pending" | "succeeded" | "failed";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryPage"];
                };
            };
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookWithSecret"];
                };
            };
        };
    };
    streamMyBookingUpdates: {
        parameters: {
            query?: {
                /** @description the access token */
                token?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Switching to WebSocket. Frames are JSON: `{"type":"ready"}` once subscribed, then `{"type":"event","event":{id,type,version,aggregate_id,venue_id,occurred_at,data}}` (venue feeds, and a customer’s own bookings) or `{"type":"notification","notification":{…}}` or, on a chat, `{"type":"message","message":{…}}` (a Message; `{id, truncated: true}` when too big to push: read it over HTTP). */
            101: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    streamConversation: {
        parameters: {
            query?: {
                /** @description the access token */
                token?: string;
            };
            header?: never;
            path: {
                conversation_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Switching to WebSocket. Frames are JSON: `{"type":"ready"}` once subscribed, then `{"type":"event","event":{id,type,version,aggregate_id,venue_id,occurred_at,data}}` (venue feeds, and a customer’s own bookings) or `{"type":"notification","notification":{…}}` or, on a chat, `{"type":"message","message":{…}}` (a Message; `{id, truncated: true}` when too big to push: read it over HTTP). */
            101: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    streamVenueInventory: {
        parameters: {
            query: {
                /** @description the access token */
                token?: string;
                venue_id: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Switching to WebSocket. Frames are JSON: `{"type":"ready"}` once subscribed, then `{"type":"event","event":{id,type,version,aggregate_id,venue_id,occurred_at,data}}` (venue feeds, and a customer’s own bookings) or `{"type":"notification","notification":{…}}` or, on a chat, `{"type":"message","message":{…}}` (a Message; `{id, truncated: true}` when too big to push: read it over HTTP). */
            101: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    streamMyNotifications: {
        parameters: {
            query?: {
                /** @description the access token */
                token?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Switching to WebSocket. Frames are JSON: `{"type":"ready"}` once subscribed, then `{"type":"event","event":{id,type,version,aggregate_id,venue_id,occurred_at,data}}` (venue feeds, and a customer’s own bookings) or `{"type":"notification","notification":{…}}` or, on a chat, `{"type":"message","message":{…}}` (a Message; `{id, truncated: true}` when too big to push: read it over HTTP). */
            101: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    streamVenueReservations: {
        parameters: {
            query: {
                /** @description the access token */
                token?: string;
                venue_id: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Switching to WebSocket. Frames are JSON: `{"type":"ready"}` once subscribed, then `{"type":"event","event":{id,type,version,aggregate_id,venue_id,occurred_at,data}}` (venue feeds, and a customer’s own bookings) or `{"type":"notification","notification":{…}}` or, on a chat, `{"type":"message","message":{…}}` (a Message; `{id, truncated: true}` when too big to push: read it over HTTP). */
            101: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
