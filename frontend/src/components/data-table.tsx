import { Button, Group, Table, type TableProps } from "@mantine/core";
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

/** "Load more" under a paged list while the server has another page. */
export function LoadMore({
  list,
}: {
  list: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
}) {
  if (!list.hasNextPage) return null;
  return (
    <Group justify="center" mt="md">
      <Button
        variant="default"
        size="xs"
        loading={list.isFetchingNextPage}
        onClick={() => list.fetchNextPage()}
      >
        Load more
      </Button>
    </Group>
  );
}
