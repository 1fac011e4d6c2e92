import { Table, type TableProps } from "@mantine/core";
import classes from "./data-table.module.css";

/** The app's tables: bordered, quiet headers, tabular numbers; scrolls sideways when narrow. */
export function DataTable({ minWidth = 640, ...props }: TableProps & { minWidth?: number }) {
  return (
    <Table.ScrollContainer minWidth={minWidth} type="native">
      <Table className={classes.table} highlightOnHover {...props} />
    </Table.ScrollContainer>
  );
}

export const numberClass = classes.number;
