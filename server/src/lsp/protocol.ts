/** Custom requests between our client and server (the view asks the server for the file's analysis). */
export const FILE_REPORT_REQUEST = 'awsResponsibility/fileReport';
export const MODEL_REQUEST = 'awsResponsibility/model';

export interface FileReportParams {
  uri: string;
}
