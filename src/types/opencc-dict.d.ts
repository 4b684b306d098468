/** opencc-js ships its dictionaries as modules whose default export is the table as text ("a b|c d|…"). */
declare module 'opencc-js/dict/*' {
  const dict: string;
  export default dict;
}
