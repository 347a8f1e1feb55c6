"use client";
import { ProfilePage } from "@gradual/kit/react";
import { getMyProfile, saveMyProfileValues, setMyEnrichmentConsent, setMyEnrichmentOptOut, undoMyDecline } from "@/app/actions";
import { profileCatalog } from "@/profile.config";

const actions = { getMyProfile, saveMyProfileValues, undoMyDecline, setMyEnrichmentOptOut, setMyEnrichmentConsent };

/** /profile: the kit's profile page with this app's catalog and Server Actions. */
export function AppProfilePage() {
  return <ProfilePage catalog={profileCatalog} actions={actions} />;
}
