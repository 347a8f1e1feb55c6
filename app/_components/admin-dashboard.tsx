"use client";
import { AdminDashboard } from "@gradual/kit/react";
import { explainUser, getAdminDashboard } from "@/app/actions";
import { profileCatalog } from "@/profile.config";

const actions = { getAdminDashboard, explainUser };

/**
 * /admin: the kit's dashboard with this app's Server Actions; the range comes from the address.
 * The catalog names each attribute in the reader's language.
 */
export function AppAdminDashboard({ from, to }: { from: string | null; to: string | null }) {
  return <AdminDashboard from={from} to={to} actions={actions} catalog={profileCatalog} />;
}
