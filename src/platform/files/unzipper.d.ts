// The little of unzipper (exceljs's own zip reader) that workbook-rows.ts uses; the package ships no types.
declare module 'unzipper' {
  import type { PassThrough, Transform } from 'node:stream'
  namespace unzipper {
    interface Entry extends PassThrough {
      path: string
      autodrain(): void
    }
    function Parse(options?: { forceStream?: boolean }): Transform
  }
  export default unzipper
}
