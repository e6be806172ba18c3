// Web view entry (the web issue builds the studio here).
export {}
