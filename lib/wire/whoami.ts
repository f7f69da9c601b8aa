/** `/api/v1/whoami`: who is signed in (`anonymous` with no sign-in), and where signing out goes. */
export interface WhoAmI {
  user: string;
  signedIn: boolean;
  signOut?: string;
}
