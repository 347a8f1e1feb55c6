import { HomePage } from "@/app/_components/home-page";

export default function Page() {
  return <HomePage />;
}
