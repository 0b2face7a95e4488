import { runAllBackgroundWork } from "../background/background-work.js";
import { notFound, unauthorized, validationError } from "../errors.js";
import type { Services } from "../services.js";
import { isoTime } from "../util/clock.js";
import { isDelaySeconds, MAX_DELAY_SECONDS } from "../util/delays.js";
import { bearerMatches } from "./admin-token.js";
import { updateContextAsAws } from "./aws-engagements.js";
import { sendAwsInvitation } from "./aws-invitations.js";
import {
  autoReviewPolicy,
  changeAwsSummaryAsAws,
  reviewOpportunityAsAws,
  SUMMARY_MEMBER_NAMES,
  setAutoReviewPolicy,
} from "./aws-opportunities.js";
import { routeProspectingResultsRequest } from "./aws-prospecting.js"; // prospecting
import { clockTarget } from "./clock-input.js";
import { saveControlState } from "./control-state.js";
import { routeEventsRequest } from "./events-routes.js"; // events & webhooks
import { type ControlRequest, parseJsonObject } from "./json-body.js";
import { routeSolutionsRequest } from "./solutions-routes.js"; // solutions

export const CONTROL_PREFIX = "/_pclocal/";

const VERSION = "0.1.0";

const adminTokenMissing = () =>
  unauthorized("The control plane needs 'Authorization: Bearer <admin token>'.");
const noRoute = (method: string, path: string) => notFound(`No control-plane route for ${method} ${path}`);

/** The `/_pclocal` control plane: act as AWS, move the clock, reset. JSON in, JSON out. */
export async function handleControlRequest(req: ControlRequest, services: Services): Promise<unknown> {
  const route = `${req.method} ${req.path}`;
  if (route === "GET /_pclocal/health") {
    return {
      status: "ok",
      service: "partnercentral-local",
      version: VERSION,
      now: isoTime(services.clock.now()),
      durability: await services.store.durability(),
    };
  }
  if (!bearerMatches(req.headers.authorization, services.adminToken)) throw adminTokenMissing();

  switch (route) {
    case "POST /_pclocal/reset":
      await services.store.reset();
      services.clock.reset();
      await saveControlState(services);
      return { reset: true, accounts: services.accounts.all().map((a) => a.awsAccountId) };
    case "GET /_pclocal/clock":
      return clockState(services);
    case "POST /_pclocal/clock": {
      const state = setClock(parseJsonObject(req.body), services);
      await saveControlState(services);
      // What the new time reached: expiries, delayed tasks, auto-approvals, old ClientTokens.
      await runAllBackgroundWork(services);
      return state;
    }
    case "GET /_pclocal/tasks/mode":
      return taskMode(services);
    case "POST /_pclocal/tasks/mode":
      return saved(services, setTaskMode(parseJsonObject(req.body), services));
    case "POST /_pclocal/aws/engagement-invitations":
      return woke(services, await sendAwsInvitation(parseJsonObject(req.body), services));
    case "POST /_pclocal/aws/engagements/context":
      return woke(services, await updateContextAsAws(parseJsonObject(req.body), services));
    case "POST /_pclocal/aws/opportunities/review":
      return woke(services, await reviewOpportunityAsAws(parseJsonObject(req.body), services));
    case "POST /_pclocal/aws/opportunities/summary":
      return woke(
        services,
        await changeAwsSummaryAsAws(parseJsonObject(req.body, SUMMARY_MEMBER_NAMES), services),
      );
    case "GET /_pclocal/aws/opportunities/auto-review":
      return autoReviewPolicy(services);
    case "POST /_pclocal/aws/opportunities/auto-review":
      return woke(
        services,
        await saved(
          services,
          setAutoReviewPolicy(parseJsonObject(req.body, ["approveAfterSeconds"]), services),
        ),
      );
    default: {
      // events & webhooks: /_pclocal/events, /_pclocal/webhooks[/<id>]
      const handled = routeEventsRequest(req, services);
      if (handled) return handled;
      // solutions: /_pclocal/solutions
      const solutions = routeSolutionsRequest(req, services);
      if (solutions) return solutions;
      // prospecting: /_pclocal/aws/prospecting-results
      const prospecting = routeProspectingResultsRequest(req, services);
      if (prospecting) return prospecting;
      throw noRoute(req.method, req.path);
    }
  }
}

/** Settings that survive a restart are stored before the answer goes out. */
async function saved<T>(services: Services, result: T): Promise<T> {
  await saveControlState(services);
  return result;
}

/** AWS's actions append events like API writes do; delivery starts at once. */
function woke<T>(services: Services, result: T): T {
  services.delivery.wake();
  return result;
}

function taskMode(services: Services) {
  const delaySeconds = services.settings.taskDelaySeconds;
  return { mode: delaySeconds > 0 ? "delayed" : "synchronous", delaySeconds };
}

/** `{"delaySeconds": N}`: 0 completes tasks within the request; N > 0 after N virtual seconds. */
function setTaskMode(body: Record<string, unknown>, services: Services) {
  const { delaySeconds } = body;
  if (!isDelaySeconds(delaySeconds)) {
    throw validationError([
      {
        FieldName: "delaySeconds",
        Message: `Give {"delaySeconds": N} with 0 <= N <= ${MAX_DELAY_SECONDS} (0 completes tasks at once)`,
        Code: "INVALID_VALUE",
      },
    ]);
  }
  services.settings.taskDelaySeconds = delaySeconds;
  return taskMode(services);
}

function clockState(services: Services) {
  const now = services.clock.now();
  return { now: isoTime(now), offsetSeconds: Math.round((now - Date.now()) / 1000) };
}

function setClock(body: Record<string, unknown>, services: Services) {
  services.clock.set(clockTarget(body, services.clock.now()));
  return clockState(services);
}
