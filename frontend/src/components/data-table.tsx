import { Button, Group, Table, type TableProps, Text, VisuallyHidden } from "@mantine/core";
import type { ReactNode } from "react";
import classes from "./data-table.module.css";

/**
 * The app's tables: bordered, quiet headers, tabular numbers; scrolls sideways when narrow.
 * With `head` (the header cells) the children are the body's rows; without, the table's parts.
 */
export function DataTable({
  minWidth = 640,
  head,
  children,
  ...props
}: TableProps & { minWidth?: number; head?: ReactNode }) {
  return (
    <Table.ScrollContainer minWidth={minWidth} type="native">
      <Table className={classes.table} highlightOnHover {...props}>
        {head ? (
          <>
            <Table.Thead>
              <Table.Tr>{head}</Table.Tr>
            </Table.Thead>
            <Table.Tbody>{children}</Table.Tbody>
          </>
        ) : (
          children
        )}
      </Table>
    </Table.ScrollContainer>
  );
}

/** The header of a column of row actions: named for screen readers, blank on screen. */
export function ActionsHeader({ w }: { w: number }) {
  return (
    <Table.Th w={w}>
      <VisuallyHidden>Actions</VisuallyHidden>
    </Table.Th>
  );
}

export const numberClass = classes.number;

/** The one row of a table body with nothing to list, saying why across all `columns`. */
export function EmptyRow({ columns, children }: { columns: number; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Td colSpan={columns}>
        <Text size="sm" c="dimmed" ta="center" py="md">
          {children}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

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
