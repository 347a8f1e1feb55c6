import { HomeView } from "@/components/auth/home-view";

export default function HomePage() {
  // The profile prompt mounts in `signedInContent`, below the signed-in greeting.
  return <HomeView />;
}
